import type { Metadata, PeerId, PieceDeadline } from '@swarmdrop/protocol'
import { fastestPeers, pieceDeadlines, streamOffsetOf } from '@swarmdrop/protocol'

/** Where a viewer is in one file of a swarm (SPEC ST-5): the engine's one streaming fact. */
export interface Playback {
  readonly fileIndex: number
  /** The next byte of the file the player needs. */
  readonly byteOffset: number
  /** The media's bitrate in bits/s (0 = not known yet). */
  readonly bitrateBps: number
  /**
   * One past the last byte of the file that is wanted (the file's end when absent): a preview's
   * quiet read caps the window at the one piece it waits on (SPEC ST-9).
   */
  readonly endByte?: number
}

/** What the engine knows when it turns a Playback into deadlines. */
export interface PlaybackContext {
  readonly metadata: Metadata
  readonly pieceCount: number
  readonly have: (index: number) => boolean
  readonly downloadBytesPerSecond: number
  /** Measured download rate from each neighbour, bytes/s. */
  readonly rates: ReadonlyMap<PeerId, number>
  readonly nowMs: number
}

/**
 * SPEC ST-5…ST-7: the picker's deadline facts for a playback position (the glue between the
 * engine's facts and the pure deadlines.ts); none for no playback or a file outside the swarm.
 */
export function deadlinesOf(
  playback: Playback | null,
  c: PlaybackContext,
): { deadlines: PieceDeadline[]; fastPeers: Set<PeerId> } {
  const { metadata } = c
  const files = metadata.files ?? [{ path: [metadata.name], length: metadata.size }]
  const file = playback === null ? undefined : files[playback.fileIndex]
  if (playback === null || file === undefined) {
    return { deadlines: [], fastPeers: new Set() }
  }
  const offset = Math.min(Math.max(0, Math.floor(playback.byteOffset)), file.length)
  const end = Math.min(Math.max(offset, Math.ceil(playback.endByte ?? file.length)), file.length)
  return {
    deadlines: pieceDeadlines({
      playheadByte: streamOffsetOf(files, playback.fileIndex, offset),
      endByte: streamOffsetOf(files, playback.fileIndex, end),
      bitrateBps: playback.bitrateBps,
      downloadBytesPerSecond: c.downloadBytesPerSecond,
      nowMs: c.nowMs,
      pieceLength: metadata.pieceLength,
      pieceCount: c.pieceCount,
      have: c.have,
    }),
    fastPeers: fastestPeers(c.rates),
  }
}
