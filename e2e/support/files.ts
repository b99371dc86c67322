import { createHash, randomBytes } from 'node:crypto'
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Written in pieces so a large file never sits in memory twice. */
const WRITE_CHUNK_BYTES = 1024 * 1024

/** A file made for one test. */
export interface TestFile {
  path: string
  name: string
  size: number
  sha256: string
}

/** Makes a fresh temporary directory; remove it with `removeDir`. */
export async function makeTempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `swarmdrop-${prefix}-`))
}

/** Removes a temporary directory and everything in it. */
export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true })
}

/**
 * Writes `size` random bytes to `<dir>/<name>`; random content means no two pieces are alike, so a
 * misplaced piece cannot go unnoticed.
 */
export async function writeRandomFile(dir: string, name: string, size: number): Promise<TestFile> {
  const path = join(dir, name)
  const hash = createHash('sha256')
  const handle = await open(path, 'w')
  try {
    for (let written = 0; written < size; written += WRITE_CHUNK_BYTES) {
      const chunk = randomBytes(Math.min(WRITE_CHUNK_BYTES, size - written))
      hash.update(chunk)
      await handle.write(chunk)
    }
  } finally {
    await handle.close()
  }
  return { path, name, size, sha256: hash.digest('hex') }
}

/** Writes an empty file. */
export async function writeEmptyFile(dir: string, name: string): Promise<TestFile> {
  const path = join(dir, name)
  await writeFile(path, new Uint8Array(0))
  return { path, name, size: 0, sha256: createHash('sha256').digest('hex') }
}
