import type { SwarmState, SwarmStore } from './swarm-store.ts'

/**
 * The store's UI-only keys: what the page chose or is doing (the share flow, removals awaiting
 * undo, stopped downloads, the settings). The command layer writes them; every other key is an
 * engine fact that only bind-engine.ts writes (STYLE §4, one writer).
 */
export const UI_KEYS = [
  'share',
  'removed',
  'goneElsewhere',
  'stopped',
  'uploadLimitBps',
  'relayOnly',
] as const

/** A UI-only key of the store. */
export type UiKey = (typeof UI_KEYS)[number]

/** The UI-only slice of the store. */
export type UiState = Pick<SwarmState, UiKey>

/** Writes UI-only state; the only way anything but bind-engine.ts may change the store. */
export type UiWriter = (update: (state: SwarmState) => Partial<UiState>) => void

const isUiKey = (key: string): key is UiKey => (UI_KEYS as readonly string[]).includes(key)

/**
 * Creates the command layer's writer. It throws on an engine key, so a command that tried to
 * pre-write an engine fact "to be fast" fails its tests instead of racing the engine binding.
 */
export function createUiWriter(store: SwarmStore): UiWriter {
  return (update) => {
    store.setState((state) => {
      const patch = update(state)
      const engineKey = Object.keys(patch).find((key) => !isUiKey(key))
      if (engineKey !== undefined) {
        throw new Error(`the UI may not write engine state: ${engineKey}`)
      }
      return patch
    })
  }
}
