import { describe, expect, it } from 'vitest'

import { droppedFiles } from './dropped-files.ts'

/*
 * jsdom has no File and Directory Entries API, so these entries are built by hand with the
 * shape Chromium gives a dropped folder: readEntries answers in batches, then an empty one.
 */
type Tree = { readonly [name: string]: Tree | File }

function entryOf(name: string, node: Tree | File, batch = 2): FileSystemEntry {
  if (node instanceof File) {
    return {
      name,
      isFile: true,
      isDirectory: false,
      file: (resolve: (file: File) => void) => resolve(node),
    } as unknown as FileSystemEntry
  }
  const children = Object.entries(node).map(([child, sub]) => entryOf(child, sub, batch))
  return {
    name,
    isFile: false,
    isDirectory: true,
    createReader: () => {
      let at = 0
      return {
        readEntries: (resolve: (entries: FileSystemEntry[]) => void) => {
          resolve(children.slice(at, at + batch))
          at += batch
        },
      }
    },
  } as unknown as FileSystemEntry
}

function dropOf(
  entries: readonly (FileSystemEntry | null)[],
  files: readonly File[],
): DataTransfer {
  return {
    items: entries.map((entry) => ({ webkitGetAsEntry: () => entry })),
    files,
  } as unknown as DataTransfer
}

const file = (name: string, size: number): File => new File([new Uint8Array(size)], name)

describe('droppedFiles', () => {
  it('[MD-7] walks a dropped folder, every batch of every level, keeping paths', async () => {
    const tree: Tree = {
      'a.txt': file('a.txt', 1),
      'b.txt': file('b.txt', 2),
      'c.txt': file('c.txt', 3),
      sub: { 'd.bin': file('d.bin', 4), deeper: { 'e.bin': file('e.bin', 0) } },
    }
    const loose = file('loose.txt', 5)
    const picked = await droppedFiles(
      dropOf([entryOf('top', tree), entryOf('loose.txt', loose)], [file('top', 0), loose]),
    )
    expect(picked.map((p) => [p.path.join('/'), p.file.size])).toEqual([
      ['top/a.txt', 1],
      ['top/b.txt', 2],
      ['top/c.txt', 3],
      ['top/sub/d.bin', 4],
      ['top/sub/deeper/e.bin', 0],
      ['loose.txt', 5],
    ])
  })

  it('[MD-7] takes plain files at once, without waiting, when no folder was dropped', () => {
    const a = file('a', 1)
    const b = file('b', 2)
    const picked = droppedFiles(dropOf([entryOf('a', a), null], [a, b]))
    expect(Array.isArray(picked)).toBe(true)
    expect((picked as { path: readonly string[] }[]).map((p) => p.path)).toEqual([['a'], ['b']])
    // A drop synthesised without items still carries its files.
    const bare = { files: [a] } as unknown as DataTransfer
    expect(droppedFiles(bare)).toEqual([{ file: a, path: ['a'] }])
  })
})
