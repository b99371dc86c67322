import type { FileEntry, PieceSlice } from './file-map.ts'
import { fileStarts, piecesOfFile } from './file-map.ts'

/**
 * Where bytes `[start, start + length)` of file `fileIndex` lie, piece by piece, in order (SPEC
 * ST-2): what the stream route reads to answer one HTTP Range request. A single-file swarm is the
 * list `[{ path: [name], length: size }]`. Throws RangeError for a range outside the file.
 */
export function fileRangeInPieces(
  files: readonly FileEntry[],
  pieceLength: number,
  fileIndex: number,
  start: number,
  length: number,
): PieceSlice[] {
  const span = piecesOfFile(files, pieceLength, fileIndex)
  const fileLength = files[fileIndex]?.length ?? 0
  if (
    !Number.isSafeInteger(start) ||
    !Number.isSafeInteger(length) ||
    start < 0 ||
    length < 0 ||
    start + length > fileLength
  ) {
    throw new RangeError(
      `range ${start}+${length} outside ${fileLength} bytes of file ${fileIndex}`,
    )
  }
  if (span === null || length === 0) {
    return []
  }
  const from = (fileStarts(files)[fileIndex] ?? 0) + start
  const to = from + length
  const slices: PieceSlice[] = []
  for (let index = Math.floor(from / pieceLength); index * pieceLength < to; index++) {
    const pieceStart = index * pieceLength
    const a = Math.max(from, pieceStart)
    const b = Math.min(to, pieceStart + pieceLength)
    slices.push({ index, offset: a - pieceStart, length: b - a })
  }
  return slices
}

/** The byte offset in the swarm's stream of byte `offset` of file `fileIndex`. */
export function streamOffsetOf(
  files: readonly FileEntry[],
  fileIndex: number,
  offset: number,
): number {
  return (fileStarts(files)[fileIndex] ?? 0) + offset
}
