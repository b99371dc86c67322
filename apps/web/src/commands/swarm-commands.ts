import type { SwarmId } from '@swarmdrop/protocol'
import { createBlobStore, hasOpfs, removeFromLibrary, storeMetadata } from '@swarmdrop/storage'

import type { EngineHost } from '../app-context.ts'
import type { OwnedStore } from '../features/download/owned-store.ts'
import { saveSwarmFile } from '../features/download/save-file.ts'
import { saveSwarmFileAt, saveSwarmZip } from '../features/download/save-files.ts'
import { startDownload } from '../features/download/start-download.ts'
import { prepareShare } from '../features/share/share-file.ts'
import type { ShareOptions } from '../features/share/share-file.ts'
import type { PickedFile } from '../features/share/pick-files.ts'
import { refusalOf, selectionOf } from '../features/share/pick-files.ts'
import type { Translate } from '../store/status-line.ts'
import type { SwarmState, SwarmStore } from '../store/swarm-store.ts'
import { createUiWriter } from '../store/ui-writer.ts'
import { translateEn } from '../store/ux-messages.en.ts'

import type { LibraryTabs } from './library-tabs.ts'
import { aloneTabs } from './library-tabs.ts'

/** How long a removed library entry can be brought back before its data is deleted (UX-6). */
export const UNDO_REMOVE_MS = 10_000

/** A timer the command layer can cancel; injected so tests run on a fake clock. */
export interface CommandTimers {
  setTimeout(run: () => void, ms: number): () => void
}

const realTimers: CommandTimers = {
  setTimeout(run, ms) {
    const id = setTimeout(run, ms)
    return () => clearTimeout(id)
  },
}

/** Turns anything thrown into words for the page. */
export const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error)

/**
 * Everything the page does to a swarm (STYLE §4: commands go to the engine, the engine binding
 * writes what the engine reports). The layer writes only UI-only state (`share`, `removed`,
 * `stopped`), never a swarm row, so the store keeps one writer for engine facts.
 */
export interface SwarmCommands {
  /** Prepares and seeds files, then shows their seeding view; null when refused or failed. */
  share(picked: readonly PickedFile[], options?: ShareOptions): Promise<SwarmId | null>
  /**
   * Shares a share's files again under a fresh salt, so an unrelated link (SPEC MD-10), and stops
   * the old swarm: whoever holds the old link finds no one. Null when this tab did not share it.
   */
  newLink(swarmId: SwarmId): Promise<SwarmId | null>
  /**
   * Joins a swarm to download it (resuming from disk); a second call is a no-op until `stop`.
   * `password` answers a `#2p.` link (SPEC PL-5).
   */
  open(swarmId: SwarmId, password?: string): void
  /** Leaves a swarm: stops sharing or downloading here; the library keeps its data. */
  stop(swarmId: SwarmId): Promise<void>
  /** Hides a library entry at once and deletes it after UNDO_REMOVE_MS unless undone. */
  remove(swarmId: SwarmId, name: string): void
  /** Brings back an entry removed less than UNDO_REMOVE_MS ago. */
  undoRemove(swarmId: SwarmId): void
  /** Hands the finished file (or one file of several, or all as a zip) to the browser. */
  save(swarmId: SwarmId, fileIndex?: number): Promise<void>
  /** Which share the home page shows; null: the drop zone. */
  view(swarmId: SwarmId | null): void
  /** Sets the password the next share asks for (SPEC PL-5); '' for none. */
  setSharePassword(password: string): void
  /** Caps this tab's upload (0 = unlimited): the engine applies it, the settings show it. */
  setUploadLimit(bytesPerSecond: number): void
  /**
   * "Hide my IP address" (SPEC NET-2): a UI choice the transport reads at each new connection
   * (create-browser-engine.ts), remembered in the browser by the control.
   */
  setRelayOnly(relayOnly: boolean): void
}

/**
 * Creates the tab's command layer. It owns what it creates: the chunk store of each swarm it
 * shares or opens, with its kind (Save reads those, never the engine's), and the pending
 * removals' timers.
 * This tracks: 1. swarms being opened (StrictMode runs effects twice), 2. removal timers,
 * 3. what each share of this tab was made from (for "New link"), 4. the store of each swarm,
 * 5. the swarms this tab holds against a removal in another tab (`tabs`, SPEC UX-6).
 */
export function createSwarmCommands(
  host: EngineHost,
  store: SwarmStore,
  timers: CommandTimers = realTimers,
  // Messages the layer writes to the store (refusals, failures) are worded when they happen, in
  // the page's language of that moment (SPEC LANG-1).
  t: Translate = translateEn,
  tabs: LibraryTabs = aloneTabs,
): SwarmCommands {
  const opening = new Set<SwarmId>()
  const removals = new Map<SwarmId, () => void>()
  const holds = new Map<SwarmId, () => void>()
  const shares = new Map<SwarmId, { picked: readonly PickedFile[]; password?: string }>()
  const stores = new Map<SwarmId, OwnedStore>()
  /** Downloads still looking at the disk before they join the engine: leaving aborts them. */
  const starting = new Map<SwarmId, AbortController>()
  // The layer's only way to write: UI-only keys (ui-writer.ts throws on an engine key).
  const write = createUiWriter(store)
  const inEngine = (swarmId: SwarmId): boolean => store.getState().swarms[swarmId] !== undefined
  const setShare = (patch: Partial<SwarmState['share']>): void =>
    write(({ share }) => ({ share: { ...share, ...patch } }))
  const setStopped = (swarmId: SwarmId, message: string): void =>
    write(({ stopped }) => ({ stopped: { ...stopped, [swarmId]: message } }))
  const unlist = (swarmId: SwarmId): void =>
    write(({ removed }) => ({ removed: removed.filter((r) => r.swarmId !== swarmId) }))
  /** This tab shares or downloads `swarmId` again: another tab's earlier removal is history. */
  const relist = (swarmId: SwarmId): void => {
    if (store.getState().goneElsewhere.includes(swarmId)) {
      write(({ goneElsewhere }) => ({
        goneElsewhere: goneElsewhere.filter((id) => id !== swarmId),
      }))
    }
  }
  const hold = (swarmId: SwarmId): void => {
    if (!holds.has(swarmId)) {
      holds.set(swarmId, tabs.hold(swarmId))
    }
  }
  const release = (swarmId: SwarmId): void => {
    holds.get(swarmId)?.()
    holds.delete(swarmId)
  }
  /** Leaves a swarm this tab runs (if it does) and lets go of it. */
  const leave = async (swarmId: SwarmId): Promise<void> => {
    starting.get(swarmId)?.abort()
    starting.delete(swarmId)
    opening.delete(swarmId)
    stores.delete(swarmId)
    try {
      // Only a swarm this tab takes part in is in the engine; asking for the engine otherwise
      // would contact the tracker for nothing (SPEC MD-5).
      if (inEngine(swarmId)) {
        await host.services().engine.remove(swarmId)
      }
    } finally {
      release(swarmId)
    }
  }

  const deleteNow = async (swarmId: SwarmId, name: string): Promise<void> => {
    removals.delete(swarmId)
    shares.delete(swarmId)
    try {
      await leave(swarmId)
      // The other tabs stop first, so none writes into the folder as it goes (SPEC UX-6).
      await tabs.removeEverywhere(swarmId, name, async () => {
        if (hasOpfs()) {
          await removeFromLibrary(swarmId)
        }
      })
    } finally {
      // Listed again only now, so the library never shows it while it is being deleted.
      unlist(swarmId)
    }
  }

  // SPEC UX-6: another tab removed an entry: this tab stops downloading or sharing it and says
  // why, where the person looks (the download page, the home page for a share).
  tabs.onRemovedElsewhere((swarmId, name) => {
    removals.get(swarmId)?.()
    removals.delete(swarmId)
    unlist(swarmId)
    if (!store.getState().goneElsewhere.includes(swarmId)) {
      write(({ goneElsewhere }) => ({ goneElsewhere: [...goneElsewhere, swarmId] }))
    }
    const running = inEngine(swarmId) || opening.has(swarmId)
    if (running) {
      const reason = t('library.removedElsewhere', { name })
      setStopped(swarmId, reason)
      if (shares.delete(swarmId)) {
        const { viewing } = store.getState().share
        setShare({ error: reason, viewing: viewing === swarmId ? null : viewing })
      }
    }
    void leave(swarmId).catch(() => {})
  })

  const commands: SwarmCommands = {
    async share(picked, options = {}) {
      if (store.getState().share.hashing !== null || picked.length === 0) {
        return null
      }
      const selection = selectionOf(picked)
      const refusal = refusalOf(selection, t)
      if (refusal !== null) {
        setShare({ error: refusal })
        return null
      }
      setShare({
        error: null,
        hashing: { name: selection.name, size: selection.size, hashedBytes: 0 },
      })
      try {
        const { engine, hasher } = host.services()
        const onProgress = (hashedBytes: number): void =>
          setShare({
            hashing: { name: selection.name, size: selection.size, hashedBytes },
          })
        const { metadata, encoded } = await prepareShare(selection, hasher, onProgress, options)
        const typed = options.password ?? store.getState().share.password
        const password = typed === '' ? undefined : typed
        // The engine reports the swarm (swarm-added, metadata) and bind-engine writes it. It
        // derives the swarm id too; an id it already has keeps its own store (this one closed).
        const files = createBlobStore(selection.blobs, metadata)
        const join = password === undefined ? {} : { password }
        const { swarmId } = await engine.seed(metadata, files, join)
        hold(swarmId)
        relist(swarmId)
        if (!stores.has(swarmId)) {
          stores.set(swarmId, { kind: 'files', store: files, blobs: selection.blobs })
        }
        if (hasOpfs()) {
          // Listed in the home page's library; sharing goes on if the disk refuses.
          storeMetadata(swarmId, encoded, { seeding: true }).catch(() => {})
        }
        shares.set(swarmId, { picked, ...(password === undefined ? {} : { password }) })
        setShare({ hashing: null, viewing: swarmId })
        return swarmId
      } catch (error) {
        setShare({ hashing: null, error: t('share.failed', { reason: messageOf(error) }) })
        return null
      }
    },

    async newLink(swarmId) {
      const old = shares.get(swarmId)
      if (old === undefined) {
        return null
      }
      const fresh = await commands.share(old.picked, { ...old, freshSalt: true })
      if (fresh !== null && fresh !== swarmId) {
        // The old link stops working: that is what a new link is for.
        shares.delete(swarmId)
        await commands.stop(swarmId)
      }
      return fresh
    },

    open(swarmId, password) {
      if (opening.has(swarmId)) {
        return
      }
      opening.add(swarmId)
      hold(swarmId)
      relist(swarmId)
      try {
        const { engine, hasher } = host.services()
        // Also true when this tab seeds the swarm itself.
        if (engine.swarm(swarmId) === undefined) {
          const controller = new AbortController()
          starting.set(swarmId, controller)
          const hooks = {
            // A stopped download has left the engine, and its store is closed.
            onStopped: (message: string) => {
              stores.delete(swarmId)
              release(swarmId)
              setStopped(swarmId, message)
            },
            onStore: (owned: OwnedStore) => void stores.set(swarmId, owned),
            signal: controller.signal,
          }
          startDownload(
            engine,
            hasher,
            swarmId,
            hooks,
            t,
            password === undefined || password === '' ? {} : { password },
          )
            .catch((error: unknown) => {
              release(swarmId)
              setStopped(swarmId, messageOf(error))
            })
            .finally(() => {
              if (starting.get(swarmId) === controller) {
                starting.delete(swarmId)
              }
            })
        }
      } catch (error) {
        release(swarmId)
        setStopped(swarmId, messageOf(error))
      }
    },

    async stop(swarmId) {
      if (store.getState().share.viewing === swarmId) {
        setShare({ viewing: null })
      }
      await leave(swarmId)
    },

    remove(swarmId, name) {
      if (removals.has(swarmId)) {
        return
      }
      write(({ removed }) => ({ removed: [...removed, { swarmId, name }] }))
      const cancel = timers.setTimeout(() => {
        deleteNow(swarmId, name).catch((error: unknown) =>
          setShare({ error: t('library.removeFailed', { reason: messageOf(error) }) }),
        )
      }, UNDO_REMOVE_MS)
      removals.set(swarmId, cancel)
    },

    undoRemove(swarmId) {
      const cancel = removals.get(swarmId)
      // Once the deletion has started there is nothing left to undo: the bar goes when it ends.
      if (cancel !== undefined) {
        cancel()
        removals.delete(swarmId)
        unlist(swarmId)
      }
    },

    async save(swarmId, fileIndex) {
      // Completeness and the metadata are the engine's facts; the bytes are in the store this
      // layer made for the swarm, whose kind it knows.
      const swarm = host.services().engine.swarm(swarmId)
      const metadata = swarm?.metadata() ?? null
      const owned = stores.get(swarmId)
      if (metadata === null || owned === undefined || swarm?.isComplete() !== true) {
        throw new Error('The download is not complete yet.')
      }
      if (fileIndex !== undefined) {
        return saveSwarmFileAt(metadata, owned, fileIndex)
      }
      return metadata.files !== undefined
        ? saveSwarmZip(swarmId, metadata, owned)
        : saveSwarmFile(metadata, owned)
    },

    view(swarmId) {
      setShare({ viewing: swarmId, error: null })
    },

    setSharePassword(password) {
      setShare({ password })
    },

    setUploadLimit(bytesPerSecond) {
      host.services().engine.setUploadLimit(bytesPerSecond)
      write(() => ({ uploadLimitBps: bytesPerSecond }))
    },

    setRelayOnly(relayOnly) {
      write(() => ({ relayOnly }))
    },
  }
  return commands
}
