import type { ChunkStore, Engine, JoinOptions } from '@swarmdrop/engine'
import type { Hasher, Metadata, SwarmId, Unsubscribe } from '@swarmdrop/protocol'
import { encodeMetadata, pieceCount, pieceSize, swarmIdOf } from '@swarmdrop/protocol'
import type { DiskChunkStore } from '@swarmdrop/storage'
import {
  createMemoryStore,
  hasOpfs,
  openSwarmStore,
  reverifyStoredPieces,
  storeMetadata,
  storedMetadata,
} from '@swarmdrop/storage'

import type { Translate } from '../../store/status-line.ts'
import { translateEn } from '../../store/ux-messages.en.ts'

import type { OwnedStore } from './owned-store.ts'
import { notEnoughRoomMessage } from './storage-room.ts'

/** Where a download tells the page it stopped for good (no room, a disk write failed). */
export type OnDownloadStopped = (message: string) => void

/** What a download reports to the command layer that started it. */
export interface DownloadHooks {
  readonly onStopped: OnDownloadStopped
  /** The store it made for the swarm, with its kind (what Save reads; SPEC MD-9). */
  readonly onStore: (owned: OwnedStore) => void
  /**
   * Aborted when the tab leaves the swarm (stop, a removal in another tab) before the download
   * joined the engine: re-verifying a large file on disk takes a while, and it must not then
   * join a swarm the person left.
   */
  readonly signal?: AbortSignal
}

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error)

async function roomProblem(neededBytes: number, t: Translate): Promise<string | null> {
  try {
    return notEnoughRoomMessage(neededBytes, await navigator.storage.estimate(), t)
  } catch {
    return null
  }
}

/**
 * Joins a swarm to download it into this browser's OPFS library (memory where there is no
 * OPFS), resuming from the pieces already on disk: they are re-verified against their hashes,
 * announced and never downloaded again. Checks the storage quota first and stops the download
 * cleanly, keeping every verified piece, when a disk write fails.
 * @returns an Unsubscribe for the write-error watch
 */
export async function startDownload(
  engine: Engine,
  hasher: Hasher,
  swarmId: SwarmId,
  { onStopped, onStore, signal }: DownloadHooks,
  t: Translate = translateEn,
  options: JoinOptions = {},
): Promise<Unsubscribe> {
  if (!hasOpfs()) {
    const createStore = (metadata: Metadata): ChunkStore => {
      const store = createMemoryStore(metadata)
      onStore({ kind: 'memory', store })
      return store
    }
    engine.download(swarmId, createStore, options)
    return () => {}
  }
  // Best effort: a persistent site is not evicted under storage pressure mid-download.
  void navigator.storage.persist?.().catch(() => false)
  let stopped = false
  const stop = (message: string): void => {
    if (!stopped) {
      stopped = true
      onStopped(message)
      void engine.remove(swarmId)
    }
  }
  const stopOnDiskError = (cause: string): void => stop(t('download.diskFailed', { reason: cause }))
  const unsubscribe = engine.onEvent((event) => {
    if (event.type === 'error' && event.code === 'ERR_STORE' && event.swarmId === swarmId) {
      stopOnDiskError(event.message)
    }
  })
  // Pieces are written behind their announcement (ADR 0005): a write that fails after its
  // `put` resolved is reported by the store, not by the engine.
  const openStore = (metadata: Metadata): DiskChunkStore => {
    const store = openSwarmStore(swarmId, metadata)
    store.onWriteError((error) => stopOnDiskError(messageOf(error)))
    onStore({ kind: 'disk', store })
    return store
  }

  // A function, not a narrowed field: the signal may fire during every await below.
  const left = (): boolean => signal?.aborted === true
  /** The tab left the swarm while this looked at the disk: nothing joins, nothing stays open. */
  const abandon = async (store: DiskChunkStore | null): Promise<Unsubscribe> => {
    unsubscribe()
    await store?.close()
    return () => {}
  }
  const known = await storedMetadata(swarmId)
  if (left()) {
    return abandon(null)
  }
  if (known !== null && (await swarmIdOf(encodeMetadata(known), hasher)) === swarmId) {
    const store = openStore(known)
    const have = await reverifyStoredPieces(store, known, hasher, signal).catch(
      (error: unknown) => {
        if (left()) {
          return null
        }
        throw error
      },
    )
    if (have === null || left()) {
      return abandon(store)
    }
    const held = have.reduce((sum, index) => sum + pieceSize(known, index), 0)
    const problem = have.length < pieceCount(known) ? await roomProblem(known.size - held, t) : null
    if (problem !== null) {
      await store.close()
      onStopped(problem)
      return unsubscribe
    }
    if (left()) {
      return abandon(store)
    }
    await engine.resume(known, store, have, options)
    return unsubscribe
  }

  engine.download(
    swarmId,
    (metadata) => {
      storeMetadata(swarmId, encodeMetadata(metadata)).catch((error: unknown) =>
        stop(t('download.diskFailed', { reason: messageOf(error) })),
      )
      void roomProblem(metadata.size, t).then((problem) => {
        if (problem !== null) {
          stop(problem)
        }
      })
      return openStore(metadata)
    },
    options,
  )
  return unsubscribe
}
