/**
 * SPEC ST-11: how far one neighbour's urgent requests may jump ahead of everyone else's at an
 * uploader. Each neighbour has a credit in bytes. It starts full (one burst: a player's first
 * frames), every urgent block sent ahead of others spends its length, and it refills at
 * URGENT_SHARE of the uploader's measured rate. So a peer that marks every request urgent gets
 * at most the burst and then that share ahead of the others; the rest of the uplink is shared
 * as before, and the choker still decides who is served at all. Pure: the engine passes the clock
 * and the rate.
 */

/** The burst, in pieces: the head of a video and its first seconds (two 256 KiB pieces, MD-4). */
export const URGENT_BURST_PIECES = 2
/** Of the uploader's rate, what one neighbour's urgent blocks may take ahead of others. */
export const URGENT_SHARE = 0.5

/** One neighbour's credit and when it was last brought up to date. */
export interface UrgentCredit {
  readonly bytes: number
  readonly atMs: number
}

/** The most credit a neighbour holds: URGENT_BURST_PIECES of the swarm's pieces. */
export const urgentBurstBytes = (pieceLength: number): number => URGENT_BURST_PIECES * pieceLength

/** The credit of a neighbour that has not jumped yet: one whole burst. */
export const fullUrgentCredit = (nowMs: number, pieceLength: number): UrgentCredit => ({
  bytes: urgentBurstBytes(pieceLength),
  atMs: nowMs,
})

/** `credit` refilled for the time since it was last brought up to date, capped at the burst. */
export function refillUrgentCredit(
  credit: UrgentCredit,
  nowMs: number,
  uploadBytesPerSecond: number,
  pieceLength: number,
): UrgentCredit {
  const elapsedS = Math.max(0, nowMs - credit.atMs) / 1000
  const bytes = credit.bytes + elapsedS * URGENT_SHARE * Math.max(0, uploadBytesPerSecond)
  return { bytes: Math.min(urgentBurstBytes(pieceLength), bytes), atMs: nowMs }
}

/** Whether a block of `blockBytes` may go ahead of others on this (refilled) credit. */
export const mayJumpQueue = (credit: UrgentCredit, blockBytes: number): boolean =>
  credit.bytes >= blockBytes

/** The credit after an urgent block of `blockBytes` went ahead of others. */
export const spendUrgentCredit = (credit: UrgentCredit, blockBytes: number): UrgentCredit => ({
  bytes: credit.bytes - blockBytes,
  atMs: credit.atMs,
})
