import { open } from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'

import type { FileDescription, Hasher, Metadata } from '@swarmdrop/protocol'
import { createMetadata, filesOf } from '@swarmdrop/protocol'
import { readAcrossFiles } from '@swarmdrop/storage/file-store'

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
    const readRange = (offset: number, length: number): Promise<Uint8Array> =>
      readAcrossFiles(files, handles, paths, offset, length)
    return await createMetadata(description, readRange, hasher, onProgress)
  } finally {
    await Promise.all(handles.map((handle) => handle.close()))
  }
}
