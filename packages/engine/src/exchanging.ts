import type { Bitfield, Metadata, PeerId, SwarmId } from '@swarmdrop/protocol'
import { PiecePicker, pieceCount, pieceSize } from '@swarmdrop/protocol'

import { Downloader } from './downloader.ts'
import type { ChunkStore } from './interfaces.ts'
import type { Neighbour } from './neighbour.ts'
import type { RateMeter } from './rate-meter.ts'
import type { SwarmContext } from './swarm-context.ts'
import { Uploader } from './uploader.ts'

/**
 * The swarm's phase after the metadata (exchanging pieces): the store, and the two halves of the
 * exchange over one picker. Before it the swarm is fetching the metadata, and has none of these.
 */
export interface Exchanging {
  readonly metadata: Metadata
  readonly store: ChunkStore
  readonly downloader: Downloader
  readonly uploader: Uploader
}

export interface ExchangeOptions {
  readonly ctx: SwarmContext
  readonly swarmId: SwarmId
  readonly metadata: Metadata
  readonly store: ChunkStore
  /** The pieces already held (resume, seed); none when null. */
  readonly have: Bitfield | null
  readonly neighbours: ReadonlyMap<PeerId, Neighbour>
  readonly down: RateMeter
  readonly up: RateMeter
  readonly onComplete: () => void
  /** A piece failed its hash check; these peers sent its blocks. */
  readonly onBadPiece: (contributors: readonly PeerId[]) => void
}

/** Enters the exchanging phase: one picker, fed by the downloader, read by the uploader. */
export function createExchange(o: ExchangeOptions): Exchanging {
  const { ctx, metadata, store } = o
  const count = pieceCount(metadata)
  const picker = new PiecePicker({
    pieceCount: count,
    pieceLength: metadata.pieceLength,
    lastPieceLength: count > 0 ? pieceSize(metadata, count - 1) : 0,
    blockSize: ctx.config.blockSize,
    random: ctx.random,
    order: ctx.config.pieceOrder,
    ...(o.have ? { have: o.have } : {}),
  })
  const downloader = new Downloader({
    ctx,
    swarmId: o.swarmId,
    metadata,
    store,
    picker,
    neighbours: o.neighbours,
    down: o.down,
    onComplete: o.onComplete,
    onBadPiece: o.onBadPiece,
  })
  const uploader = new Uploader({
    ctx,
    swarmId: o.swarmId,
    metadata,
    store,
    have: picker.have,
    neighbours: o.neighbours,
    up: o.up,
  })
  return { metadata, store, downloader, uploader }
}
