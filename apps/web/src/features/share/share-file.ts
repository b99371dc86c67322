import { HASH_BYTES, encodeMetadata, swarmIdOf } from '@swarmdrop/protocol'
import { createBlobStore, hasOpfs, storeMetadata } from '@swarmdrop/storage'

import type { EngineHost } from '../../app-context.ts'
import { withSwarm } from '../../store/swarm-store.ts'
import type { SwarmStore } from '../../store/swarm-store.ts'

import { hashFileHere, hashFileInWorker } from './hash-file.ts'

export const EMPTY_FILE_MESSAGE =
  'This file is empty (0 bytes), so there is nothing to share. Please choose another file.'

/** Why `file` cannot be shared, or null when it can. Checked before anything is contacted. */
export function refusalOf(file: File): string | null {
  return file.size === 0 ? EMPTY_FILE_MESSAGE : null
}

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : 'Something went wrong.'

/**
 * Shares a dropped file: hashes its pieces in a worker (showing progress), derives the swarm id and seeds it
 * straight from the File, never copying it into memory. The seeder's view stays in the store;
 * the URL is left alone so the tab keeps its seeding view.
 */
export async function shareFile(file: File, host: EngineHost, store: SwarmStore): Promise<void> {
  if (store.getState().share.phase === 'hashing') {
    return
  }
  const refusal = refusalOf(file)
  if (refusal !== null) {
    store.setState({ share: { phase: 'idle', error: refusal } })
    return
  }
  store.setState({
    share: { phase: 'hashing', name: file.name, size: file.size, hashedBytes: 0 },
  })
  try {
    const { engine, hasher } = host.services()
    const onProgress = (hashedBytes: number): void =>
      store.setState(({ share }) =>
        share.phase === 'hashing' ? { share: { ...share, hashedBytes } } : {},
      )
    // Off the main thread where the browser has workers (jsdom has none).
    const metadata =
      typeof Worker === 'function'
        ? await hashFileInWorker(file, onProgress)
        : await hashFileHere(file, hasher, onProgress)
    const encoded = encodeMetadata(metadata)
    const swarmId = await swarmIdOf(encoded, hasher)
    if (hasOpfs()) {
      // Listed in the home page's library; sharing goes on if the disk refuses.
      storeMetadata(swarmId, encoded, { seeding: true }).catch(() => {})
    }
    const { name, size, mimeType, pieceHashes } = metadata
    const pieceCount = pieceHashes.length / HASH_BYTES
    store.setState((state) => ({
      ...withSwarm(
        state,
        swarmId,
        (swarm) => ({
          ...swarm,
          seeding: true,
          complete: true,
          file: { name, size, mimeType, pieceCount },
        }),
        true,
      ),
      share: { phase: 'seeding', swarmId },
    }))
    if (engine.torrent(swarmId) === undefined) {
      await engine.seed(metadata, createBlobStore(file, metadata))
    }
  } catch (error) {
    store.setState({
      share: { phase: 'idle', error: `Could not share this file: ${messageOf(error)}` },
    })
  }
}
