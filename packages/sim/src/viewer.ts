import type { Clock } from '@swarmdrop/protocol'
import type { SwarmHandle } from '@swarmdrop/engine'

import { formatTable } from './report.ts'
import type { SimPeerSpec } from './run-swarm.ts'
import { runSwarm } from './run-swarm.ts'
import type { Table } from './scenarios.ts'
import { PIECE_BYTES } from './scenarios.ts'

/**
 * Scenario 5 (issue #16, SPEC ST-5…ST-8): one peer plays the file at bitrate b while it
 * downloads; its startup delay and stalls, and the other downloaders' finish times, under the
 * deadline picker, pure rarest first and pure sequential.
 */
export type ViewerPolicy = 'deadline' | 'rarest-first' | 'sequential'

/** How a simulated player behaves: it starts once this much playback is held, like a browser. */
const STARTUP_BUFFER_S = 2
/** The player's tick (virtual ms). */
const PLAYER_TICK_MS = 250
/** Real bytes per piece in the run (run-swarm's default); links see PIECE_BYTES. */
const REAL_PIECE_BYTES = 1024

/** What one viewer saw. */
interface ViewerFigures {
  startupMs: number | null
  stalls: number
}

/**
 * A simulated player: every tick it plays on if the bytes under the playhead are held, and
 * counts a stall when it runs dry after it started. In 'deadline' mode it tells the engine where
 * it reads (setPlayback), as the web page's stream server does.
 */
function player(figures: ViewerFigures, bitrateVirtualBps: number, policy: ViewerPolicy) {
  return (handle: SwarmHandle, clock: Clock): void => {
    const startedAt = clock.now()
    const scale = PIECE_BYTES / REAL_PIECE_BYTES
    const bytesPerTick = (bitrateVirtualBps / 8 / scale) * (PLAYER_TICK_MS / 1000)
    let playhead = 0
    let playing = false
    const stop = clock.setInterval(() => {
      const metadata = handle.metadata()
      if (metadata === null) {
        return
      }
      const held = (byte: number): boolean =>
        byte >= metadata.size || handle.has(Math.floor(byte / metadata.pieceLength))
      if (policy === 'deadline') {
        handle.setPlayback({
          fileIndex: 0,
          byteOffset: playhead,
          bitrateBps: bitrateVirtualBps / scale,
        })
      }
      // Every piece of the startup buffer, not only its two ends: a gap between them is a stall
      // a tick after the start.
      const bufferEnd = playhead + bytesPerTick * ((STARTUP_BUFFER_S * 1000) / PLAYER_TICK_MS)
      let buffered = held(playhead) && held(bufferEnd)
      for (
        let byte = (Math.floor(playhead / metadata.pieceLength) + 1) * metadata.pieceLength;
        buffered && byte < bufferEnd;
        byte += metadata.pieceLength
      ) {
        buffered = held(byte)
      }
      if (!playing) {
        if (buffered) {
          playing = true
          figures.startupMs ??= clock.now() - startedAt
        }
        return
      }
      if (held(playhead + bytesPerTick)) {
        playhead += bytesPerTick
        if (playhead >= metadata.size) {
          stop()
        }
      } else {
        playing = false
        figures.stalls++
      }
    }, PLAYER_TICK_MS)
  }
}

/**
 * Scenario 5: a seed at 4b, `n` downloaders at 2b each, one of them (joining first) a viewer
 * at bitrate b; the file is 5 minutes of playback at b.
 */
export async function viewer(
  seed: number,
  n: number,
  bitrateVirtualBps = 8_000_000,
): Promise<Table> {
  const b = bitrateVirtualBps / 8
  const pieceCount = Math.ceil((300 * b) / PIECE_BYTES)
  const rows: (number | string)[][] = []
  for (const policy of ['deadline', 'rarest-first', 'sequential'] as const) {
    const figures: ViewerFigures = { startupMs: null, stalls: 0 }
    const viewerSpec: SimPeerSpec = {
      uploadBps: 2 * b,
      onJoin: player(figures, bitrateVirtualBps, policy),
      ...(policy === 'sequential' ? { config: { pieceOrder: 'sequential' } } : {}),
    }
    const others: SimPeerSpec[] = Array.from({ length: n - 1 }, () => ({ uploadBps: 2 * b }))
    const result = await runSwarm({
      seed,
      pieceCount,
      pieceBytes: PIECE_BYTES,
      seeder: { uploadBps: 4 * b },
      peers: [viewerSpec, ...others],
      limitMs: 3_600_000,
    })
    const finished = result.downloadMs.slice(1).filter((d): d is number => d !== null)
    const mean = finished.reduce((x, y) => x + y, 0) / Math.max(1, finished.length)
    rows.push([
      policy,
      figures.startupMs === null ? 'never' : Number((figures.startupMs / 1000).toFixed(1)),
      figures.stalls,
      Number(((result.downloadMs[0] ?? Number.NaN) / 1000).toFixed(1)),
      Number((mean / 1000).toFixed(1)),
      Number((Math.max(...finished) / 1000).toFixed(1)),
    ])
  }
  return {
    title: `Scenario 5: a viewer at ${bitrateVirtualBps / 1e6} Mbit/s among ${n} downloaders (seed 4b, peers 2b up), ${pieceCount} pieces`,
    columns: ['policy', 'startup s', 'stalls', 'viewer done s', 'others mean s', 'others last s'],
    rows,
  }
}

// `node --import tsx packages/sim/src/viewer.ts`: scenario 5 on its own.
if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(
    formatTable(
      await viewer(Number(process.env['SIM_SEED'] ?? '1'), Number(process.env['SIM_N'] ?? '6')),
    ),
  )
}
