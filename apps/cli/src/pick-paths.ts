import { readdir, stat } from 'node:fs/promises'
import { basename, join, resolve } from 'node:path'

import type { FileDescription } from '@swarmdrop/protocol'
import { MAX_FILE_COUNT } from '@swarmdrop/protocol'
import mime from 'mime-types'

import { UsageError } from './args.ts'
import type { SaltFile } from './salt-store.ts'

/** A file on disk with its path in the share (['dir', 'sub', 'b.bin']). */
interface PickedPath {
  readonly absolute: string
  readonly path: readonly string[]
  readonly size: number
  readonly mtimeMs: number
}

/** What `seed` shares: the description the metadata is hashed from, and the files in its order. */
export interface SeedSelection {
  readonly description: FileDescription
  /** Absolute paths in stream order (the metadata's file order). */
  readonly paths: readonly string[]
  /** The same files with their sizes and modification times: what the salt is remembered by (CL-15). */
  readonly files: readonly SaltFile[]
}

async function walk(absolute: string, path: readonly string[], into: PickedPath[]): Promise<void> {
  const info = await stat(absolute)
  if (info.isDirectory()) {
    for (const entry of await readdir(absolute)) {
      await walk(join(absolute, entry), [...path, entry], into)
      if (into.length > MAX_FILE_COUNT) {
        throw new UsageError(
          `a share holds at most ${MAX_FILE_COUNT} files; zip the folder first, or share fewer files`,
        )
      }
    }
  } else if (info.isFile()) {
    into.push({ absolute, path, size: info.size, mtimeMs: info.mtimeMs })
  }
  // Sockets, FIFOs and devices are skipped: they have no length to hash.
}

const saltFilesOf = (picked: readonly PickedPath[]): SaltFile[] =>
  picked.map((p) => ({ path: p.absolute, size: p.size, mtimeMs: p.mtimeMs }))

const joined = (picked: PickedPath): string => picked.path.join('/')

/**
 * The share made of the paths given to `seed`, by the web app's rules (SPEC CL-9, mirroring
 * apps/web/src/features/share/pick-files.ts `selectionOf`, so the same folder gives the same file
 * list in a tab and on the command line): one file is a single-file share with its MIME type
 * from its extension (a browser guesses it the same way); several files or a folder are a file
 * list sorted by path in code-unit order, under the folder's name when they all sit in one
 * folder, else under "N files". Throws UsageError for a missing path or nothing to share.
 */
export async function selectPaths(args: readonly string[]): Promise<SeedSelection> {
  const picked: PickedPath[] = []
  for (const arg of args) {
    const absolute = resolve(arg)
    try {
      await walk(absolute, [basename(absolute)], picked)
    } catch (error) {
      if (error instanceof UsageError) {
        throw error
      }
      throw new UsageError(`cannot read ${arg}: ${(error as Error).message}`)
    }
  }
  const size = picked.reduce((total, p) => total + p.size, 0)
  if (picked.length === 0 || size === 0) {
    throw new UsageError('nothing to share: the files given are empty (0 bytes)')
  }
  const only = picked[0]
  if (picked.length === 1 && only !== undefined && only.path.length === 1) {
    const mimeType = mime.lookup(only.absolute) || ''
    return {
      description: { name: only.path[0] ?? '', size, mimeType },
      paths: [only.absolute],
      files: saltFilesOf([only]),
    }
  }
  const sorted = [...picked].sort((a, b) =>
    joined(a) < joined(b) ? -1 : joined(a) > joined(b) ? 1 : 0,
  )
  const root = sorted[0]?.path[0]
  const oneFolder =
    root !== undefined && sorted.every((p) => p.path.length > 1 && p.path[0] === root)
  const files = sorted.map((p) => ({ path: oneFolder ? p.path.slice(1) : p.path, length: p.size }))
  return {
    description: { name: oneFolder ? root : `${sorted.length} files`, size, mimeType: '', files },
    paths: sorted.map((p) => p.absolute),
    files: saltFilesOf(sorted),
  }
}
