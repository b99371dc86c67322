import type { SwarmId, Unsubscribe } from '@swarmdrop/protocol'

/**
 * How the tabs of one browser agree on removing a library entry (SPEC UX-6). The library is the
 * browser's (OPFS), but each tab runs its own engine: without this, a tab kept downloading into
 * a folder another tab had deleted (its next piece write failed as a "disk error"), or kept
 * sharing a file the person had just removed from the browser.
 */
export interface LibraryTabs {
  /**
   * Marks `swarmId` as run by this tab (downloading into its folder or sharing it) until the
   * returned release is called: a removal in another tab deletes the folder only after that.
   */
  hold(swarmId: SwarmId): () => void
  /**
   * Tells the browser's other tabs that `swarmId` (named `name`) leaves the library, waits until
   * none of them holds it (at most REMOVAL_WAIT_MS: a tab that never answers does not keep the
   * data forever), then runs `remove`, the deletion itself.
   */
  removeEverywhere(swarmId: SwarmId, name: string, remove: () => Promise<void>): Promise<void>
  /** Calls `callback` when another tab of this browser removes an entry from the library. */
  onRemovedElsewhere(callback: (swarmId: SwarmId, name: string) => void): Unsubscribe
}

/** Longest a removal waits for the other tabs to let go of the swarm before deleting anyway. */
export const REMOVAL_WAIT_MS = 10_000

/** A tab alone: nobody to tell, nothing to wait for (no BroadcastChannel or Web Locks here). */
export const aloneTabs: LibraryTabs = {
  hold: () => () => {},
  removeEverywhere: async (_swarmId, _name, remove) => remove(),
  onRemovedElsewhere: () => () => {},
}

/** The one message the tabs exchange. */
interface RemovedMessage {
  readonly type: 'removed'
  readonly swarmId: string
  readonly name: string
}

const isRemovedMessage = (data: unknown): data is RemovedMessage =>
  typeof data === 'object' &&
  data !== null &&
  (data as RemovedMessage).type === 'removed' &&
  typeof (data as RemovedMessage).swarmId === 'string' &&
  typeof (data as RemovedMessage).name === 'string'

const CHANNEL_NAME = 'swarmdrop-library'
const lockName = (swarmId: string): string => `swarmdrop-swarm-${swarmId}`

/**
 * The browser's LibraryTabs: a BroadcastChannel tells the other tabs, and a Web Lock per swarm
 * (shared while a tab runs it, exclusive to delete it) makes the deletion wait for them. This
 * carries no file data between tabs (STYLE §9 bans that shortcut): only "this entry is gone".
 * Falls back to `aloneTabs` where either API is missing.
 */
export function createBrowserLibraryTabs(): LibraryTabs {
  const locks = globalThis.navigator?.locks
  if (typeof BroadcastChannel === 'undefined' || locks === undefined) {
    return aloneTabs
  }
  const channel = new BroadcastChannel(CHANNEL_NAME)
  return {
    hold(swarmId) {
      let release = (): void => {}
      const held = new Promise<void>((resolve) => {
        release = resolve
      })
      // Granted at once unless a deletion is under way; released with the promise.
      void locks.request(lockName(swarmId), { mode: 'shared' }, async () => held).catch(() => {})
      return release
    },
    async removeEverywhere(swarmId, name, remove) {
      channel.postMessage({ type: 'removed', swarmId, name } satisfies RemovedMessage)
      try {
        await locks.request(
          lockName(swarmId),
          { mode: 'exclusive', signal: AbortSignal.timeout(REMOVAL_WAIT_MS) },
          remove,
        )
      } catch (error) {
        if (!(error instanceof DOMException && error.name === 'TimeoutError')) {
          throw error
        }
        await remove()
      }
    },
    onRemovedElsewhere(callback) {
      const listener = (event: MessageEvent): void => {
        const data: unknown = event.data
        if (isRemovedMessage(data)) {
          callback(data.swarmId as SwarmId, data.name)
        }
      }
      channel.addEventListener('message', listener)
      return () => channel.removeEventListener('message', listener)
    },
  }
}
