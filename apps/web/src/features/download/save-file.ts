import type { Metadata } from '@swarmdrop/protocol'
import { assembleBlob } from '@swarmdrop/storage'

import type { OwnedStore } from './owned-store.ts'

/** Long enough for the browser to start reading the blob; revoking at once can cancel a save. */
const REVOKE_AFTER_MS = 60_000

/**
 * The whole content of a completed swarm as one Blob. From a disk store it is a Blob of the
 * piece files on disk, which the browser streams from disk; a share of this tab is its own
 * Files; only the memory store (tests, no OPFS) assembles the file in memory.
 */
export function wholeBlob(owned: OwnedStore, metadata: Metadata): Promise<Blob> {
  switch (owned.kind) {
    case 'disk':
      return owned.store.file()
    case 'files':
      return Promise.resolve(new Blob(owned.blobs as Blob[]))
    case 'memory':
      return assembleBlob(owned.store, metadata)
  }
}

/** Hands a completed swarm's file to the browser under its original name. */
export async function saveSwarmFile(metadata: Metadata, owned: OwnedStore): Promise<void> {
  downloadBlob(await wholeBlob(owned, metadata), metadata.name)
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
