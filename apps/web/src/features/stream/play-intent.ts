import type { Engine } from '@swarmdrop/engine'
import type { SwarmId } from '@swarmdrop/protocol'
import { createContext } from 'react'

import type { BitrateBook } from './bitrate-book.ts'

/**
 * SPEC ST-5: the person pressed play on a player that has loaded nothing yet; the file's first
 * byte is needed now. Said at the press, not when the player's first read reaches the page: the
 * media pipeline and the service worker take 0.4–0.9 s to get there (bench:stream's timeline),
 * and meanwhile the engine would ask rarest first for pieces the player does not need yet.
 */
export type PlayIntent = (swarmId: string, fileIndex: number) => void

/** What a play intent needs of the page. */
export interface PlayIntentDeps {
  /** The tab's engine (the download page has started it before a player shows). */
  readonly engine: () => Engine | null
  readonly bitrates: BitrateBook
  /** False only for bench:stream's comparison policies (SPEC ST-8): they set no deadlines. */
  readonly deadlines: boolean
}

/** The page's play intent: playback from byte 0, as the stream server would set it (ST-5). */
export function createPlayIntent({ engine, bitrates, deadlines }: PlayIntentDeps): PlayIntent {
  return (swarmId, fileIndex) => {
    if (!deadlines) {
      return
    }
    engine()
      ?.swarm(swarmId as SwarmId)
      ?.setPlayback({ fileIndex, byteOffset: 0, bitrateBps: bitrates.of(swarmId, fileIndex) })
  }
}

/** The page's play intent, for the player (null outside the app, e.g. in a component test). */
export const PlayIntentContext = createContext<PlayIntent | null>(null)
