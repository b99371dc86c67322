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

/** The blocks of a piece of `pieceBytes` bytes, in order; the last may be short. */
export function blocksOf(pieceBytes: number, blockSize: number = BLOCK_SIZE_BYTES): BlockSpan[] {
  throw new Error(`not implemented ${pieceBytes} ${blockSize}`)
}
