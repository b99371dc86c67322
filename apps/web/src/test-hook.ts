import type { SwarmState, SwarmStore } from './store/swarm-store.ts'

/** The read-only window hook e2e tests and people debugging poll (STYLE §4 "Test hook"). */
export interface SwarmDebugHook {
  /** A deep copy of the store's state: reading it can never change the app. */
  getState(): SwarmState
}

declare global {
  interface Window {
    __swarm?: SwarmDebugHook
  }
}

/** Installs `window.__swarm`. */
export function installTestHook(store: SwarmStore): void {
  window.__swarm = { getState: () => structuredClone(store.getState()) }
}
