import type { Metadata } from '@swarmdrop/protocol'
import { pieceCount, pieceSize } from '@swarmdrop/protocol'

/** A byte range inside one piece, validated against the metadata. */
export interface PieceRange {
  /** Bytes in the whole piece. */
  readonly pieceBytes: number
  /** Where the piece starts in the file. */
  readonly pieceStart: number
  readonly offset: number
  readonly length: number
}

/**
 * Resolves `get(index, offset, length)` arguments (ChunkStore semantics: the whole piece when
 * omitted, the rest of the piece when only `offset` is given); throws RangeError outside the piece.
 */
export function pieceRange(
  metadata: Metadata,
  index: number,
  offset = 0,
  length?: number,
): PieceRange {
  const count = pieceCount(metadata)
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new RangeError(`piece ${index} outside 0..${count - 1}`)
  }
  const pieceBytes = pieceSize(metadata, index)
  const resolvedLength = length ?? pieceBytes - offset
  if (
    !Number.isInteger(offset) ||
    !Number.isInteger(resolvedLength) ||
    offset < 0 ||
    resolvedLength < 0 ||
    offset + resolvedLength > pieceBytes
  ) {
    throw new RangeError(
      `range ${offset}+${resolvedLength} outside piece ${index} of ${pieceBytes} bytes`,
    )
  }
  return { pieceBytes, pieceStart: index * metadata.pieceLength, offset, length: resolvedLength }
}
