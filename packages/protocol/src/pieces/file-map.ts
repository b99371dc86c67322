/**
 * One file of a multi-file swarm (BEP 3's multi-file `info.files`): its path below the swarm's
 * name, as segments, and its length. The swarm's bytes are every file's bytes end to end, in list
 * order, so pieces span file boundaries exactly as in BitTorrent.
 */
export interface FileEntry {
  /** Path segments, e.g. ['sub', 'b.bin']; validated by the metadata codec (SPEC MD-8). */
  readonly path: readonly string[]
  /** Bytes in the file; 0 is allowed (an empty file occupies no piece). */
  readonly length: number
}

/** Bytes `[fileOffset, fileOffset + length)` of file `fileIndex`, found at `at` in a range. */
export interface FileSlice {
  readonly fileIndex: number
  readonly fileOffset: number
  readonly length: number
  /** Where this slice starts within the requested range. */
  readonly at: number
}

/** The pieces holding a file's bytes, first to last inclusive. */
export interface PieceSpan {
  readonly first: number
  readonly last: number
}

/** Where each file starts in the swarm's byte stream, plus the total size at the end. */
export function fileStarts(files: readonly FileEntry[]): number[] {
  const starts = [0]
  let total = 0
  for (const file of files) {
    total += file.length
    starts.push(total)
  }
  return starts
}

/**
 * The slices of files that the stream's bytes `[start, start + length)` cover, in order (SPEC
 * MD-9). Empty files hold no bytes, so they never appear. Throws RangeError outside the stream.
 */
export function sliceFiles(
  files: readonly FileEntry[],
  start: number,
  length: number,
): FileSlice[] {
  const starts = fileStarts(files)
  const size = starts[files.length] ?? 0
  if (
    !Number.isSafeInteger(start) ||
    !Number.isSafeInteger(length) ||
    start < 0 ||
    length < 0 ||
    start + length > size
  ) {
    throw new RangeError(`range ${start}+${length} outside ${size} bytes of files`)
  }
  const end = start + length
  const slices: FileSlice[] = []
  for (let fileIndex = firstFileAt(starts, start); fileIndex < files.length; fileIndex++) {
    const fileStart = starts[fileIndex] ?? 0
    const fileEnd = starts[fileIndex + 1] ?? 0
    if (fileStart >= end) {
      break
    }
    const from = Math.max(start, fileStart)
    const to = Math.min(end, fileEnd)
    if (to > from) {
      slices.push({ fileIndex, fileOffset: from - fileStart, length: to - from, at: from - start })
    }
  }
  return slices
}

/** The index of the last file starting at or before `offset` (binary search over `starts`). */
function firstFileAt(starts: readonly number[], offset: number): number {
  let low = 0
  let high = starts.length - 2
  while (low < high) {
    const middle = Math.ceil((low + high) / 2)
    if ((starts[middle] ?? 0) <= offset) {
      low = middle
    } else {
      high = middle - 1
    }
  }
  return Math.max(0, low)
}

/**
 * The pieces that hold file `fileIndex`'s bytes (SPEC MD-9), or null for an empty file, which
 * needs no piece. Throws RangeError for an index outside the list or a bad piece length.
 */
export function piecesOfFile(
  files: readonly FileEntry[],
  pieceLength: number,
  fileIndex: number,
): PieceSpan | null {
  if (!Number.isInteger(fileIndex) || fileIndex < 0 || fileIndex >= files.length) {
    throw new RangeError(`file ${fileIndex} outside 0..${files.length - 1}`)
  }
  if (!Number.isSafeInteger(pieceLength) || pieceLength <= 0) {
    throw new RangeError(`piece length must be a positive integer, got ${pieceLength}`)
  }
  const start = fileStarts(files)[fileIndex] ?? 0
  const length = files[fileIndex]?.length ?? 0
  if (length === 0) {
    return null
  }
  return {
    first: Math.floor(start / pieceLength),
    last: Math.floor((start + length - 1) / pieceLength),
  }
}

/**
 * The file slices inside piece `index` of a stream cut into `pieceLength`-byte pieces (the last
 * piece short). Throws RangeError for a piece outside the stream.
 */
export function pieceFileSlices(
  files: readonly FileEntry[],
  pieceLength: number,
  index: number,
): FileSlice[] {
  const size = fileStarts(files)[files.length] ?? 0
  const count = Math.ceil(size / pieceLength)
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new RangeError(`piece ${index} outside 0..${count - 1}`)
  }
  const start = index * pieceLength
  return sliceFiles(files, start, Math.min(pieceLength, size - start))
}

/** Bytes `[offset, offset + length)` of piece `index`. */
export interface PieceSlice {
  readonly index: number
  readonly offset: number
  readonly length: number
}

/**
 * Where file `fileIndex`'s bytes lie, piece by piece, in order (SPEC MD-9): what a downloader
 * reads to save one file. Empty for an empty file.
 */
export function fileInPieces(
  files: readonly FileEntry[],
  pieceLength: number,
  fileIndex: number,
): PieceSlice[] {
  const span = piecesOfFile(files, pieceLength, fileIndex)
  if (span === null) {
    return []
  }
  const fileStart = fileStarts(files)[fileIndex] ?? 0
  const fileEnd = fileStart + (files[fileIndex]?.length ?? 0)
  const slices: PieceSlice[] = []
  for (let index = span.first; index <= span.last; index++) {
    const pieceStart = index * pieceLength
    const from = Math.max(fileStart, pieceStart)
    const to = Math.min(fileEnd, pieceStart + pieceLength)
    slices.push({ index, offset: from - pieceStart, length: to - from })
  }
  return slices
}
