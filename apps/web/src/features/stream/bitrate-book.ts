import { createContext } from 'react'

/**
 * SPEC ST-10: the bitrate each played file measured, per tab. This tracks: 1. per swarm and file,
 * the last bitrate its player reported (bits/s). The player writes it, the stream server reads it
 * into every setPlayback; one instance, made by the composition root (no module-global state).
 */
export interface BitrateBook {
  /** Records a file's bitrate (ignored unless finite and positive). */
  record(swarmId: string, fileIndex: number, bitrateBps: number): void
  /** A file's recorded bitrate, 0 when not known (the engine then assumes its default). */
  of(swarmId: string, fileIndex: number): number
}

/** A fresh, empty book. */
export function createBitrateBook(): BitrateBook {
  const rates = new Map<string, number>()
  const key = (swarmId: string, fileIndex: number): string => `${swarmId}/${fileIndex}`
  return {
    record(swarmId, fileIndex, bitrateBps) {
      if (Number.isFinite(bitrateBps) && bitrateBps > 0) {
        rates.set(key(swarmId, fileIndex), Math.round(bitrateBps))
      }
    },
    of: (swarmId, fileIndex) => rates.get(key(swarmId, fileIndex)) ?? 0,
  }
}

/**
 * SPEC ST-10: a media file's average bitrate from its size and duration (bits/s), 0 when the
 * duration is not a usable number (unknown, live, zero).
 */
export function averageBitrateBps(sizeBytes: number, durationS: number): number {
  return Number.isFinite(durationS) && durationS > 0 && sizeBytes > 0
    ? (sizeBytes * 8) / durationS
    : 0
}

/** The page's book, for the player (null outside the app, e.g. in a component test). */
export const BitrateContext = createContext<BitrateBook | null>(null)
