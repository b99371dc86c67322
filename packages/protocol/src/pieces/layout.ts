/**
 * Size of a block, the unit of request/piece messages. 64 KiB, not BEP 3's customary 16 KiB:
 * measured on WebRTC data channels here, 16 KiB messages cost 30–40 % of throughput against
 * 64–256 KiB (per-message SCTP and event-loop overhead), and Chromium accepts up to 256 KiB.
 */
export const BLOCK_SIZE_BYTES = 64 * 1024

/** One block of a piece: where it starts in the piece and how long it is. */
export interface BlockSpan {
  readonly begin: number
  readonly length: number
}

/** Number of blocks in a piece of `pieceBytes` bytes. */
export function blockCountOf(pieceBytes: number, blockSize: number = BLOCK_SIZE_BYTES): number {
  assertSizes(pieceBytes, blockSize)
  return Math.ceil(pieceBytes / blockSize)
}

/**
 * Which bytes of a piece of `pieceBytes` bytes are block `block` (0-based); the last block may be
 * short. The one answer the picker, the engine and the piece buffer share.
 */
export function blockSpan(
  pieceBytes: number,
  block: number,
  blockSize: number = BLOCK_SIZE_BYTES,
): BlockSpan {
  const begin = block * blockSize
  return { begin, length: Math.min(blockSize, pieceBytes - begin) }
}

function assertSizes(pieceBytes: number, blockSize: number): void {
  if (!Number.isSafeInteger(pieceBytes) || pieceBytes < 0) {
    throw new RangeError(`piece size must be a non-negative integer, got ${pieceBytes}`)
  }
  if (!Number.isSafeInteger(blockSize) || blockSize <= 0) {
    throw new RangeError(`block size must be a positive integer, got ${blockSize}`)
  }
}

/**
 * SPEC WR-4: whether `begin + length` is a non-empty span inside a piece of `pieceBytes` bytes
 * (the one check every request, cancel and piece message passes).
 */
export function isSpanInPiece(pieceBytes: number, begin: number, length: number): boolean {
  return length > 0 && begin >= 0 && begin + length <= pieceBytes
}
