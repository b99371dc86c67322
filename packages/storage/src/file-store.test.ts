import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, describe, expect, it } from 'vitest'

import {
  CONTRACT_METADATA,
  contractPiece,
  describeChunkStoreContract,
} from './chunk-store-contract.ts'
import { createFileStore } from './file-store.ts'
import { UnsafePathError, filePathsOf } from './safe-paths.ts'

const roots: string[] = []
const freshRoot = async (): Promise<string> => {
  const root = await mkdtemp(join(tmpdir(), 'swarmdrop-file-store-'))
  roots.push(root)
  return root
}

afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })))
})

describeChunkStoreContract('file', async (metadata) => createFileStore(metadata, await freshRoot()))

describeChunkStoreContract('file, as a folder of three files', async (metadata) =>
  createFileStore(
    {
      ...metadata,
      files:
        metadata.size === 0
          ? [{ path: ['empty'], length: 0 }]
          : [
              { path: ['a.bin'], length: 1000 },
              { path: ['empty'], length: 0 },
              { path: ['sub', 'b.bin'], length: metadata.size - 1000 },
            ],
    },
    await freshRoot(),
  ),
)

describe('file store on disk', () => {
  it('[CL-5] creates the file at its full length before any piece (sparse) and writes pieces in place', async () => {
    const root = await freshRoot()
    const store = createFileStore(CONTRACT_METADATA, root)
    await store.put(2, contractPiece(2))
    const path = join(root, 'contract.bin')
    expect((await stat(path)).size).toBe(CONTRACT_METADATA.size)
    await store.put(0, contractPiece(0))
    await store.put(1, contractPiece(1))
    await store.close()
    const bytes = await readFile(path)
    const expected = Buffer.concat([0, 1, 2].map((i) => contractPiece(i)))
    expect(Buffer.compare(bytes, expected)).toBe(0)
  })

  it('[CL-6] keeps what is on disk when reopened; pieces count as held only once adopted', async () => {
    const root = await freshRoot()
    const first = createFileStore(CONTRACT_METADATA, root)
    await first.put(1, contractPiece(1))
    await first.close()
    const second = createFileStore(CONTRACT_METADATA, root)
    expect(second.held()).toEqual([])
    await expect(second.get(1)).rejects.toThrow(/piece 1/)
    expect(await second.readOnDisk(1)).toEqual(contractPiece(1))
    second.adopt(1)
    expect(second.held()).toEqual([1])
    expect(await second.get(1, 10, 10)).toEqual(contractPiece(1).subarray(10, 20))
    await second.close()
  })

  it('[CL-8] rejects every operation with the cause when the directory cannot be written', async () => {
    const root = await freshRoot()
    const { writeFile } = await import('node:fs/promises')
    // A file where the folder should be: mkdir fails with ENOTDIR/EEXIST whoever runs the test
    // (root ignores permission bits, so a read-only folder would not do).
    await writeFile(join(root, 'blocker'), 'x')
    const store = createFileStore(CONTRACT_METADATA, join(root, 'blocker', 'inside'))
    await expect(store.put(0, contractPiece(0))).rejects.toThrow(/ENOTDIR|EEXIST/)
    await store.close()
  })
})

describe('safe paths', () => {
  it('[CL-7] puts a single file at root/name and a folder at root/name/path', () => {
    expect(filePathsOf({ name: 'a.txt', size: 1 }, '/tmp/x')).toEqual(['/tmp/x/a.txt'])
    expect(
      filePathsOf({ name: 'dir', size: 2, files: [{ path: ['s', 'b'], length: 2 }] }, '/tmp/x'),
    ).toEqual(['/tmp/x/dir/s/b'])
  })

  it('[CL-7] refuses a path that would leave the directory', () => {
    for (const path of [
      ['..', 'evil'],
      ['a', '..', '..', 'evil'],
      ['/etc/passwd'],
      ['a\\..\\b'],
      [''],
    ]) {
      expect(() =>
        filePathsOf({ name: 'dir', size: 1, files: [{ path, length: 1 }] }, '/tmp/x'),
      ).toThrow(UnsafePathError)
    }
    expect(() => filePathsOf({ name: '..', size: 1 }, '/tmp/x')).toThrow(UnsafePathError)
  })
})
