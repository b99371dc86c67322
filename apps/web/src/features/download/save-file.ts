import type { ChunkStore, Engine } from '@swarmdrop/engine'
import type { SwarmId } from '@swarmdrop/protocol'
import type { DiskChunkStore } from '@swarmdrop/storage'
import { assembleBlob } from '@swarmdrop/storage'

/** Long enough for the browser to start reading the blob; revoking at once can cancel a save. */
const REVOKE_AFTER_MS = 60_000

const isDiskStore = (store: ChunkStore): store is DiskChunkStore =>
  'file' in store && typeof store.file === 'function'

/**
 * Hands a completed swarm's file to the browser under its original name. From a disk store it
 * is a Blob of the piece files on disk, which the browser streams from disk; only the memory
 * store (tests, no OPFS) assembles the file in memory.
 */
export async function saveSwarmFile(engine: Engine, swarmId: SwarmId): Promise<void> {
  const swarm = engine.swarm(swarmId)
  const metadata = swarm?.metadata() ?? null
  const store = swarm?.store() ?? null
  if (metadata === null || store === null || swarm?.isComplete() !== true) {
    throw new Error('The file is not complete yet.')
  }
  const blob = isDiskStore(store) ? await store.file() : await assembleBlob(store, metadata)
  downloadBlob(blob, metadata.name)
}

/** Starts a browser download of `blob` named `name` through a temporary `<a download>`. */
export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob)
  const anchor = document.createElement('a')
  anchor.href = url
  anchor.download = name
  anchor.rel = 'noopener'
  anchor.hidden = true
  document.body.append(anchor)
  anchor.click()
  anchor.remove()
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS)
}
