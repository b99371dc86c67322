import { open } from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'

import type { FileDescription, Hasher, Metadata } from '@swarmdrop/protocol'
import { createMetadata, filesOf, sliceFiles } from '@swarmdrop/protocol'

/**
 * Hashes the files to seed into metadata with the protocol's createMetadata, the function the web
 * app hashes with (apps/web/src/features/share/hash-file.ts), so a file gives the same pieces and
 * the same metadata rules in a tab and here; whatever the metadata gains (issue #13's salt) is
 * added in that one place. Reads piece by piece through positional reads (flat memory).
 * @param paths the files in the description's stream order
 */
export async function hashFiles(
  description: FileDescription,
  paths: readonly string[],
  hasher: Hasher,
  onProgress: (hashedBytes: number) => void,
): Promise<Metadata> {
  const files = filesOf(description)
  const handles: FileHandle[] = []
  try {
    for (const path of paths) {
      handles.push(await open(path, 'r'))
    }
    const readRange = async (offset: number, length: number): Promise<Uint8Array> => {
      const out = new Uint8Array(length)
      for (const slice of sliceFiles(files, offset, length)) {
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
            throw new Error(`${paths[slice.fileIndex]} shrank while it was being hashed`)
          }
          done += bytesRead
        }
      }
      return out
    }
    return await createMetadata(description, readRange, hasher, onProgress)
  } finally {
    await Promise.all(handles.map((handle) => handle.close()))
  }
}
