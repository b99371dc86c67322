import type { FileDescription, Hasher, Metadata } from '@swarmdrop/protocol'
import { encodeMetadata } from '@swarmdrop/protocol'

import { hashFileHere, hashFileInWorker } from './hash-file.ts'
import type { ShareSelection } from './pick-files.ts'
import { shareSalt } from './share-salt.ts'

export { EMPTY_FILE_MESSAGE } from './pick-files.ts'

/**
 * What a prepared share is: its metadata, and encoded. Not its swarm id: the engine derives that
 * when it seeds (the handle's `swarmId`), so the id is hashed once, by its owner.
 */
export interface PreparedShare {
  readonly metadata: Metadata
  readonly encoded: Uint8Array
}

/** How to share (SPEC MD-10, PL-5). */
export interface ShareOptions {
  /** Guards the share with a password: its link becomes a `#2p.` one. */
  readonly password?: string
  /** A fresh salt, hence a new link, even for files shared before ("New link"). */
  readonly freshSalt?: boolean
}

/**
 * Prepares a selection for sharing: hashes the pieces in a worker (reporting progress), reading
 * the Files in place, never copying them into memory. Writes nothing anywhere: the command layer
 * decides what to do with the result.
 */
export async function prepareShare(
  selection: ShareSelection,
  hasher: Hasher,
  onProgress: (hashedBytes: number) => void,
  options: ShareOptions = {},
): Promise<PreparedShare> {
  // A Blob of Blobs refers to the Files' bytes, so pieces spanning files read as one range.
  const [only] = selection.blobs
  const stream =
    selection.blobs.length === 1 && only !== undefined ? only : new Blob(selection.blobs as File[])
  // Plain data for the worker; the Files travel inside `stream`.
  const { name, size, mimeType, files } = selection
  const description: FileDescription = {
    name,
    size,
    mimeType,
    salt: await shareSalt({ files: selection.blobs }, hasher, {
      fresh: options.freshSalt === true,
    }),
    ...(files === undefined ? {} : { files }),
  }
  // Off the main thread where the browser has workers (jsdom has none).
  const metadata =
    typeof Worker === 'function'
      ? await hashFileInWorker(description, stream, onProgress)
      : await hashFileHere(description, stream, hasher, onProgress)
  return { metadata, encoded: encodeMetadata(metadata) }
}
