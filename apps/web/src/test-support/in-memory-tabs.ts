import type { SwarmId } from '@swarmdrop/protocol'

import type { LibraryTabs } from '../commands/library-tabs.ts'

/** One browser's tabs in memory, as BroadcastChannel and Web Locks would join them. */
export interface InMemoryBrowser {
  /** A new tab's LibraryTabs. */
  tab(): LibraryTabs
  /** What happened, in order: `deleted <swarm id>` when a removal's deletion ran. */
  readonly log: string[]
}

/**
 * LibraryTabs for several command layers in one test (tldraw's in-memory socket pairs): a
 * removal is told to every other tab on a later microtask (a BroadcastChannel never answers
 * synchronously) and deletes once no tab holds the swarm (the exclusive lock's grant).
 */
export function inMemoryBrowser(): InMemoryBrowser {
  const log: string[] = []
  const holds = new Map<SwarmId, number>()
  const waiting = new Map<SwarmId, (() => void)[]>()
  const listeners = new Set<{
    tab: object
    callback: (swarmId: SwarmId, name: string) => void
  }>()

  const released = async (swarmId: SwarmId): Promise<void> => {
    if ((holds.get(swarmId) ?? 0) > 0) {
      await new Promise<void>((wake) =>
        waiting.set(swarmId, [...(waiting.get(swarmId) ?? []), wake]),
      )
    }
  }

  return {
    log,
    tab() {
      const self = {}
      return {
        hold(swarmId) {
          holds.set(swarmId, (holds.get(swarmId) ?? 0) + 1)
          let once = false
          return () => {
            if (once) {
              return
            }
            once = true
            const left = (holds.get(swarmId) ?? 1) - 1
            holds.set(swarmId, left)
            if (left === 0) {
              waiting.get(swarmId)?.forEach((wake) => wake())
              waiting.delete(swarmId)
            }
          }
        },
        async removeEverywhere(swarmId, name, remove) {
          for (const { tab, callback } of listeners) {
            if (tab !== self) {
              queueMicrotask(() => callback(swarmId, name))
            }
          }
          await released(swarmId)
          log.push(`deleted ${swarmId}`)
          await remove()
        },
        onRemovedElsewhere(callback) {
          const listener = { tab: self, callback }
          listeners.add(listener)
          return () => listeners.delete(listener)
        },
      }
    },
  }
}
