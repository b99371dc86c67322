import { describe, expect, it } from 'vitest'

import { fileRangeInPieces, streamOffsetOf } from './file-range.ts'

const files = [
  { path: ['a'], length: 10 },
  { path: ['empty'], length: 0 },
  { path: ['b'], length: 25 },
]

describe('fileRangeInPieces', () => {
  it('[ST-2] a range inside one piece is one slice', () => {
    expect(fileRangeInPieces([{ path: ['x'], length: 100 }], 16, 0, 3, 5)).toEqual([
      { index: 0, offset: 3, length: 5 },
    ])
  })

  it('[ST-2] a range across pieces of a later file, offset by the files before it', () => {
    // b starts at stream byte 10; its bytes 4..13 are stream bytes 14..23, pieces 1 (14..15) and
    // 2 (16..23) of 8-byte pieces.
    expect(fileRangeInPieces(files, 8, 2, 4, 10)).toEqual([
      { index: 1, offset: 6, length: 2 },
      { index: 2, offset: 0, length: 8 },
    ])
  })

  it('[ST-2] the last byte of the last file is in the short last piece', () => {
    expect(fileRangeInPieces(files, 8, 2, 24, 1)).toEqual([{ index: 4, offset: 2, length: 1 }])
  })

  it('[ST-2] an empty range or an empty file needs no piece', () => {
    expect(fileRangeInPieces(files, 8, 2, 5, 0)).toEqual([])
    expect(fileRangeInPieces(files, 8, 1, 0, 0)).toEqual([])
  })

  it('[ST-2] a range past the end of the file is refused', () => {
    expect(() => fileRangeInPieces(files, 8, 0, 5, 6)).toThrow(RangeError)
    expect(() => fileRangeInPieces(files, 8, 0, -1, 1)).toThrow(RangeError)
  })

  it('streamOffsetOf adds the lengths of the files before', () => {
    expect(streamOffsetOf(files, 2, 3)).toBe(13)
  })
})
