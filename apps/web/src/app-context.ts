import { createContext, useContext, useMemo } from 'react'
import { useStore } from 'zustand'

import type { Engine } from '@swarmdrop/engine'
import type { Hasher, Unsubscribe } from '@swarmdrop/protocol'

import { createSwarmCommands } from './commands/swarm-commands.ts'
import type { SwarmCommands } from './commands/swarm-commands.ts'
import type { SwarmState, SwarmStore } from './store/swarm-store.ts'

/** What command handlers need: the engine and the hasher it verifies with. */
export interface EngineServices {
  readonly engine: Engine
  readonly hasher: Hasher
  /** Closes every peer connection and the tracker socket (the tab is going away). */
  destroy?(): Promise<void>
  /** Whether the tracker offers a TURN relay; see EngineEventSource.onRelayAvailable. */
  onRelayAvailable?(callback: (available: boolean) => void): Unsubscribe
}

/**
 * Hands out the tab's one engine, creating it on first use: a malformed link or an idle home
 * page must not contact the tracker (SPEC MD-5). Call it from handlers and effects, not render.
 */
export interface EngineHost {
  services(): EngineServices
}

export const EngineContext = createContext<EngineHost | null>(null)
export const SwarmStoreContext = createContext<SwarmStore | null>(null)
/** The tab's command layer; tests that render a page alone may leave it out. */
export const CommandsContext = createContext<SwarmCommands | null>(null)

/** The tab's engine host (STYLE §4: commands go straight to the engine). */
export function useEngineHost(): EngineHost {
  const host = useContext(EngineContext)
  if (host === null) {
    throw new Error('useEngineHost outside EngineContext')
  }
  return host
}

/** The tab's store itself, for the command layer made over it (components read via selectors). */
export function useSwarmStoreApi(): SwarmStore {
  const store = useContext(SwarmStoreContext)
  if (store === null) {
    throw new Error('useSwarmStoreApi outside SwarmStoreContext')
  }
  return store
}

/** Reads the store through a selector (see store/selectors.ts). */
export function useSwarmStore<T>(selector: (state: SwarmState) => T): T {
  return useStore(useSwarmStoreApi(), selector)
}

/**
 * The tab's command layer (share, open, stop, remove, save). Without a provider (a component
 * test), one is made over the context's engine host and store.
 */
export function useCommands(): SwarmCommands {
  const provided = useContext(CommandsContext)
  const host = useEngineHost()
  const store = useSwarmStoreApi()
  return useMemo(() => provided ?? createSwarmCommands(host, store), [provided, host, store])
}
