import { MAX_FILE_COUNT, createMetadata } from '@swarmdrop/protocol'
import { describe, expect, it } from 'vitest'

import {
  EMPTY_FILES_MESSAGE,
  EMPTY_FILE_MESSAGE,
  TOO_MANY_FILES_MESSAGE,
  pickedFromList,
  refusalOf,
  selectionOf,
} from './pick-files.ts'
import type { PickedFile } from './pick-files.ts'

const fileAt = (path: string, size: number, type = ''): PickedFile => ({
  file: new File([new Uint8Array(size)], path.split('/').at(-1) ?? path, { type }),
  path: path.split('/'),
})

describe('selectionOf', () => {
  it('[MD-7] keeps one plain file a single-file share with its MIME type', () => {
    const selection = selectionOf([fileAt('a.txt', 3, 'text/plain')])
    expect(selection).toMatchObject({ name: 'a.txt', size: 3, mimeType: 'text/plain' })
    expect('files' in selection).toBe(false)
  })

  it('[MD-7] names a folder after it and lists its files below it, sorted by path', () => {
    const picked = [fileAt('top/sub/b.bin', 5), fileAt('top/a.txt', 2), fileAt('top/empty', 0)]
    const selection = selectionOf(picked)
    expect(selection.name).toBe('top')
    expect(selection.size).toBe(7)
    expect(selection.files).toEqual([
      { path: ['a.txt'], length: 2 },
      { path: ['empty'], length: 0 },
      { path: ['sub', 'b.bin'], length: 5 },
    ])
    expect(selection.blobs.map((b) => b.name)).toEqual(['a.txt', 'empty', 'b.bin'])
  })

  it('[MD-7] lists loose files (or a folder of one file) as a file list', () => {
    expect(selectionOf([fileAt('b', 1), fileAt('a', 1)])).toMatchObject({
      name: '2 files',
      files: [
        { path: ['a'], length: 1 },
        { path: ['b'], length: 1 },
      ],
    })
    expect(selectionOf([fileAt('dir/only', 4)])).toMatchObject({
      name: 'dir',
      files: [{ path: ['only'], length: 4 }],
    })
    expect(selectionOf([fileAt('x/a', 1), fileAt('y/b', 1)]).name).toBe('2 files')
  })

  it('[MD-7] a selection is metadata-ready: createMetadata takes it as is', async () => {
    const selection = selectionOf([fileAt('top/a', 2), fileAt('top/sub/b', 3)])
    const meta = await createMetadata(
      selection,
      (_offset, length) => Promise.resolve(new Uint8Array(length)),
      // The hashes do not matter here, only that the description is accepted.
      () => Promise.resolve(new Uint8Array(32)),
    )
    expect(meta.files).toEqual(selection.files)
  })
})

describe('pickedFromList', () => {
  it("takes a folder picker's webkitRelativePath, and bare names otherwise", () => {
    const inFolder = new File(['x'], 'b.bin')
    Object.defineProperty(inFolder, 'webkitRelativePath', { value: 'top/sub/b.bin' })
    const plain = new File(['y'], 'c.txt')
    expect(pickedFromList([inFolder, plain]).map((p) => p.path)).toEqual([
      ['top', 'sub', 'b.bin'],
      ['c.txt'],
    ])
  })
})

describe('refusalOf', () => {
  it('[MD-6] refuses nothing to share: one empty file, or only empty files', () => {
    expect(refusalOf(selectionOf([fileAt('e', 0)]))).toBe(EMPTY_FILE_MESSAGE)
    expect(refusalOf(selectionOf([fileAt('d/e', 0), fileAt('d/f', 0)]))).toBe(EMPTY_FILES_MESSAGE)
    expect(refusalOf(selectionOf([fileAt('d/e', 0), fileAt('d/f', 1)]))).toBeNull()
  })

  it('[MD-8] refuses more files than a file list may hold', () => {
    const many = Array.from({ length: MAX_FILE_COUNT + 1 }, (_, i) => ({
      path: [`f${i}`],
      length: 1,
    }))
    expect(refusalOf({ name: 'n', size: many.length, mimeType: '', files: many, blobs: [] })).toBe(
      TOO_MANY_FILES_MESSAGE,
    )
  })
})
