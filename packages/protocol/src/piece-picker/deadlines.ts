import type { PeerId, PieceIndex } from '../ids.ts'
import { pieceIndex } from '../ids.ts'

/**
 * Piece deadlines for a viewer (docs/SPEC.md §ST, rules ST-5…ST-8): which pieces under and just
 * ahead of the playhead are due when, and which of them are about to miss. Pure: the engine feeds
 * the facts (where the player reads, the media's bitrate, the measured download rate, the clock)
 * and hands the answer to the picker, which asks for those pieces first (PiecePicker.setDeadlines).
 * The idea is libtorrent's `set_piece_deadline`; everything else stays rarest first.
 */

/** What a deadline is computed from. Offsets are in the swarm's byte stream (files end to end). */
export interface PlaybackFacts {
  /** The next byte the player needs. */
  readonly playheadByte: number
  /** One past the last byte of the file being played: the window never runs past it. */
  readonly endByte: number
  /** The media's bitrate in bits/s; 0 when not known yet (DEFAULT_BITRATE_BPS is assumed). */
  readonly bitrateBps: number
  /** This peer's measured download rate in bytes/s (0 before anything arrived). */
  readonly downloadBytesPerSecond: number
  readonly nowMs: number
  readonly pieceLength: number
  readonly pieceCount: number
  /** Whether a piece is held (verified). */
  readonly have: (index: number) => boolean
}

/** A piece the player needs by `dueAtMs`; `urgent` when it is about to miss (SPEC ST-7). */
export interface PieceDeadline {
  readonly index: PieceIndex
  readonly dueAtMs: number
  readonly urgent: boolean
}

/** Assumed before the player knows the duration: a typical web video (2 Mbit/s). */
export const DEFAULT_BITRATE_BPS = 2_000_000
/**
 * SPEC ST-6: seconds of playback ahead of the playhead that get deadlines. 10 s covers a
 * rebuffer on a link a little faster than the bitrate, and is small against a whole film, so the
 * rest of the swarm still sees rarest-first requests from this peer.
 */
export const DEADLINE_WINDOW_S = 10
/** SPEC ST-6: when the download is slower than twice the bitrate, look twice as far ahead. */
export const TIGHT_RATE_FACTOR = 2
/** SPEC ST-6: the window always holds the playhead's piece and the next. */
export const MIN_WINDOW_PIECES = 2
/** SPEC ST-6: never more pieces than this, whatever the bitrate (a picker scan per request). */
export const MAX_WINDOW_PIECES = 64
/**
 * SPEC ST-7: a piece is urgent when less time is left than this many times what one piece takes
 * at the measured rate (or URGENT_MIN_MS, whichever is longer): one retry's worth of slack.
 */
export const URGENT_FETCH_MULTIPLE = 2
export const URGENT_MIN_MS = 1_000
/** SPEC ST-7: how many of the fastest neighbours an urgent piece is asked of. */
export const FAST_PEERS = 2

/**
 * SPEC ST-5…ST-7: the deadlines of the pieces in the window, soonest first; held pieces get
 * none. The playhead's piece is due now; piece k is due when playback at the bitrate reaches its
 * first byte.
 */
export function pieceDeadlines(facts: PlaybackFacts): PieceDeadline[] {
  const { playheadByte, endByte, nowMs, pieceLength, pieceCount } = facts
  if (pieceCount === 0 || playheadByte >= endByte || playheadByte < 0) {
    return []
  }
  const bytesPerSecond = (facts.bitrateBps > 0 ? facts.bitrateBps : DEFAULT_BITRATE_BPS) / 8
  const tight = facts.downloadBytesPerSecond < TIGHT_RATE_FACTOR * bytesPerSecond
  const windowBytes = DEADLINE_WINDOW_S * (tight ? TIGHT_RATE_FACTOR : 1) * bytesPerSecond
  const first = Math.floor(playheadByte / pieceLength)
  const lastByte = Math.min(endByte, playheadByte + windowBytes) - 1
  const last = Math.min(
    pieceCount - 1,
    first + MAX_WINDOW_PIECES - 1,
    Math.max(first + MIN_WINDOW_PIECES - 1, Math.floor(lastByte / pieceLength)),
    Math.floor((endByte - 1) / pieceLength),
  )
  const fetchMs =
    facts.downloadBytesPerSecond > 0
      ? (pieceLength / facts.downloadBytesPerSecond) * 1000
      : Number.POSITIVE_INFINITY
  const slackMs = Math.max(URGENT_MIN_MS, URGENT_FETCH_MULTIPLE * fetchMs)
  const deadlines: PieceDeadline[] = []
  for (let index = first; index <= last; index++) {
    if (facts.have(index)) {
      continue
    }
    const ahead = Math.max(0, index * pieceLength - playheadByte)
    const dueAtMs = nowMs + Math.round((ahead / bytesPerSecond) * 1000)
    deadlines.push({ index: pieceIndex(index), dueAtMs, urgent: dueAtMs - nowMs < slackMs })
  }
  return deadlines
}

/**
 * SPEC ST-7: the neighbours an urgent piece may be asked of even in duplicate: the `count`
 * fastest by measured download rate from them (ties by id, so the answer is deterministic).
 */
export function fastestPeers(
  rates: ReadonlyMap<PeerId, number>,
  count: number = FAST_PEERS,
): Set<PeerId> {
  const sorted = [...rates].filter(([, rate]) => rate > 0)
  sorted.sort(([a, ra], [b, rb]) => rb - ra || (a < b ? -1 : a > b ? 1 : 0))
  return new Set(sorted.slice(0, count).map(([peer]) => peer))
}
