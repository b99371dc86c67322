import { describe, expect, it } from 'vitest'

import type { FileEntry } from './file-map.ts'
import { fileInPieces, fileStarts, pieceFileSlices, piecesOfFile, sliceFiles } from './file-map.ts'

const file = (name: string, length: number): FileEntry => ({ path: name.split('/'), length })

/**
 * Pieces of 10 bytes over 0..35:
 *   a.txt 0..4 | empty 4 | sub/b.bin 4..27 | c 27..30 | d 30..35
 * piece 0 = a + b, piece 1 = b, piece 2 = b + c (b ends at 27, c ends exactly on 30),
 * piece 3 = d, short (5 bytes).
 */
const FILES = [
  file('a.txt', 4),
  file('empty', 0),
  file('sub/b.bin', 23),
  file('c', 3),
  file('d', 5),
]
const PIECE = 10

describe('fileStarts', () => {
  it('[MD-9] puts every file right after the one before, ending at the total size', () => {
    expect(fileStarts(FILES)).toEqual([0, 4, 4, 27, 30, 35])
    expect(fileStarts([])).toEqual([0])
  })
})

describe('pieceFileSlices', () => {
  it('[MD-9] splits a piece spanning two files at the boundary', () => {
    expect(pieceFileSlices(FILES, PIECE, 0)).toEqual([
      { fileIndex: 0, fileOffset: 0, length: 4, at: 0 },
      { fileIndex: 2, fileOffset: 0, length: 6, at: 4 },
    ])
  })

  it('[MD-9] a piece inside one file is one slice', () => {
    expect(pieceFileSlices(FILES, PIECE, 1)).toEqual([
      { fileIndex: 2, fileOffset: 6, length: 10, at: 0 },
    ])
  })

  it('[MD-9] a file ending exactly on a piece boundary leaves the next piece to the next file', () => {
    expect(pieceFileSlices(FILES, PIECE, 2)).toEqual([
      { fileIndex: 2, fileOffset: 16, length: 7, at: 0 },
      { fileIndex: 3, fileOffset: 0, length: 3, at: 7 },
    ])
    expect(pieceFileSlices(FILES, PIECE, 3)[0]).toEqual({
      fileIndex: 4,
      fileOffset: 0,
      length: 5,
      at: 0,
    })
  })

  it('[MD-9] the last piece is short and covers only what is left', () => {
    const slices = pieceFileSlices(FILES, PIECE, 3)
    expect(slices).toEqual([{ fileIndex: 4, fileOffset: 0, length: 5, at: 0 }])
    expect(() => pieceFileSlices(FILES, PIECE, 4)).toThrow(RangeError)
    expect(() => pieceFileSlices(FILES, PIECE, -1)).toThrow(RangeError)
  })

  it('[MD-9] a piece spanning three or more files, past empty ones, covers each in order', () => {
    const many = [file('x', 2), file('e1', 0), file('y', 3), file('e2', 0), file('z', 4)]
    expect(pieceFileSlices(many, 16, 0)).toEqual([
      { fileIndex: 0, fileOffset: 0, length: 2, at: 0 },
      { fileIndex: 2, fileOffset: 0, length: 3, at: 2 },
      { fileIndex: 4, fileOffset: 0, length: 4, at: 5 },
    ])
  })

  it('[MD-9] the slices of every piece tile every byte of every file exactly once', () => {
    const seen = FILES.map((f) => new Array<number>(f.length).fill(0))
    for (let index = 0; index < Math.ceil(35 / PIECE); index++) {
      let at = 0
      for (const slice of pieceFileSlices(FILES, PIECE, index)) {
        expect(slice.at).toBe(at)
        at += slice.length
        for (let i = 0; i < slice.length; i++) {
          const counts = seen[slice.fileIndex] ?? []
          counts[slice.fileOffset + i] = (counts[slice.fileOffset + i] ?? 0) + 1
        }
      }
      expect(at).toBe(Math.min(PIECE, 35 - index * PIECE))
    }
    expect(seen.flat().every((count) => count === 1)).toBe(true)
  })
})

describe('sliceFiles', () => {
  it('[MD-9] maps an arbitrary range, such as a block, across files', () => {
    expect(sliceFiles(FILES, 3, 2)).toEqual([
      { fileIndex: 0, fileOffset: 3, length: 1, at: 0 },
      { fileIndex: 2, fileOffset: 0, length: 1, at: 1 },
    ])
    expect(sliceFiles(FILES, 27, 0)).toEqual([])
  })

  it('rejects ranges outside the stream', () => {
    expect(() => sliceFiles(FILES, 30, 6)).toThrow(RangeError)
    expect(() => sliceFiles(FILES, -1, 1)).toThrow(RangeError)
    expect(() => sliceFiles(FILES, 0.5, 1)).toThrow(RangeError)
  })
})

describe('piecesOfFile', () => {
  it('[MD-9] names the first and last piece holding a file', () => {
    expect(piecesOfFile(FILES, PIECE, 0)).toEqual({ first: 0, last: 0 })
    expect(piecesOfFile(FILES, PIECE, 2)).toEqual({ first: 0, last: 2 })
    expect(piecesOfFile(FILES, PIECE, 3)).toEqual({ first: 2, last: 2 })
    expect(piecesOfFile(FILES, PIECE, 4)).toEqual({ first: 3, last: 3 })
  })

  it('[MD-9] an empty file needs no piece', () => {
    expect(piecesOfFile(FILES, PIECE, 1)).toBeNull()
  })

  it('rejects a file index outside the list', () => {
    expect(() => piecesOfFile(FILES, PIECE, 5)).toThrow(RangeError)
    expect(() => piecesOfFile(FILES, 0, 0)).toThrow(RangeError)
  })
})

describe('fileInPieces', () => {
  it('[MD-9] reads a file spanning several pieces from the middle of the first to the last', () => {
    expect(fileInPieces(FILES, PIECE, 2)).toEqual([
      { index: 0, offset: 4, length: 6 },
      { index: 1, offset: 0, length: 10 },
      { index: 2, offset: 0, length: 7 },
    ])
  })

  it('[MD-9] a file ending on a piece boundary, the short last piece and an empty file', () => {
    expect(fileInPieces(FILES, PIECE, 3)).toEqual([{ index: 2, offset: 7, length: 3 }])
    expect(fileInPieces(FILES, PIECE, 4)).toEqual([{ index: 3, offset: 0, length: 5 }])
    expect(fileInPieces(FILES, PIECE, 1)).toEqual([])
  })

  it('[MD-9] agrees with pieceFileSlices for every file', () => {
    FILES.forEach((_, fileIndex) => {
      const fromPieces = [0, 1, 2, 3].flatMap((index) =>
        pieceFileSlices(FILES, PIECE, index)
          .filter((slice) => slice.fileIndex === fileIndex)
          .map((slice) => ({ index, offset: slice.at, length: slice.length })),
      )
      expect(fileInPieces(FILES, PIECE, fileIndex)).toEqual(fromPieces)
    })
  })
})
