import type { Metadata } from '@swarmdrop/protocol'
import { ProtocolError, isSpanInPiece, pieceCount, pieceSize } from '@swarmdrop/protocol'

/** SPEC WR-4: a piece index outside the swarm closes the channel. */
export function checkIndex(metadata: Metadata, index: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= pieceCount(metadata)) {
    throw new ProtocolError('ERR_BAD_REQUEST', `piece index ${index} out of range`)
  }
}

/** SPEC WR-4: a block outside its piece closes the channel. */
export function checkSpan(metadata: Metadata, index: number, begin: number, length: number): void {
  checkIndex(metadata, index)
  if (!isSpanInPiece(pieceSize(metadata, index), begin, length)) {
    throw new ProtocolError('ERR_BAD_REQUEST', `block ${begin}+${length} outside piece ${index}`)
  }
}
