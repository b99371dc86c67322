import type { FileHandle } from 'node:fs/promises'

import type { FileEntry } from '@swarmdrop/protocol'
import { sliceFiles } from '@swarmdrop/protocol'

/**
 * Reads `length` bytes at stream offset `start` from files lying end to end (SPEC MD-9), with
 * positional reads on their open handles (Node only). A file that ends early is an error naming
 * it, since then the disk no longer holds what the metadata describes.
 * @param paths the files' paths, for the error message, in the same order as `handles`
 */
export async function readAcrossFiles(
  files: readonly FileEntry[],
  handles: readonly FileHandle[],
  paths: readonly string[],
  start: number,
  length: number,
): Promise<Uint8Array> {
  const out = new Uint8Array(length)
  for (const slice of sliceFiles(files, start, length)) {
    const handle = handles[slice.fileIndex] as FileHandle
    let done = 0
    while (done < slice.length) {
      const { bytesRead } = await handle.read(
        out,
        slice.at + done,
        slice.length - done,
        slice.fileOffset + done,
      )
      if (bytesRead === 0) {
        throw new Error(
          `${paths[slice.fileIndex]} is shorter than expected: did it change on disk?`,
        )
      }
      done += bytesRead
    }
  }
  return out
}

/**
 * Writes `bytes` at stream offset `start` into files lying end to end (SPEC MD-9), with
 * positional writes on their open handles (Node only); resolves once every byte is written.
 */
export async function writeAcrossFiles(
  files: readonly FileEntry[],
  handles: readonly FileHandle[],
  start: number,
  bytes: Uint8Array,
): Promise<void> {
  for (const slice of sliceFiles(files, start, bytes.length)) {
    const handle = handles[slice.fileIndex] as FileHandle
    let done = 0
    while (done < slice.length) {
      const { bytesWritten } = await handle.write(
        bytes,
        slice.at + done,
        slice.length - done,
        slice.fileOffset + done,
      )
      done += bytesWritten
    }
  }
}
