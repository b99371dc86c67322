import type { Bitfield, Metadata, PeerId, SwarmId, WireMessage } from '@swarmdrop/protocol'
import { METADATA_CHUNK_BYTES, PiecePicker, pieceCount, pieceSize } from '@swarmdrop/protocol'

import { Downloader } from './downloader.ts'
import type { SwarmStats } from './events.ts'
import type { ChunkStore } from './interfaces.ts'
import type { Neighbour, PickerFacts } from './neighbour.ts'
import type { Playback } from './playback.ts'
import { deadlinesOf } from './playback.ts'
import type { RateMeter } from './rate-meter.ts'
import type { SwarmContext } from './swarm-context.ts'
import { Uploader } from './uploader.ts'

export interface ExchangeOptions {
  readonly ctx: SwarmContext
  readonly swarmId: SwarmId
  readonly metadata: Metadata
  /** The metadata as served to neighbours that ask for it (SPEC MD-*). */
  readonly encodedMetadata: Uint8Array
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

/** What a stats snapshot takes from the exchange. */
export type ExchangeStats = Pick<
  SwarmStats,
  'pieceCount' | 'piecesVerified' | 'downloadedBytes' | 'inEndgame' | 'pieceStates' | 'availability'
>

/**
 * The swarm's phase after the metadata (exchanging pieces): the store, and the two halves of the
 * exchange over one picker (fed by the downloader, read by the uploader). It serves the metadata
 * to neighbours still fetching it.
 *
 * This tracks: 1. the picker (through the downloader), 2. the store, 3. the encoded metadata,
 * 4. whether a playback's deadlines were handed to the picker (so that they are cleared once).
 */
export class Exchanging {
  readonly kind = 'exchanging'
  readonly metadata: Metadata
  readonly store: ChunkStore
  readonly downloader: Downloader
  readonly uploader: Uploader
  readonly #encodedMetadata: Uint8Array
  readonly #neighbours: ReadonlyMap<PeerId, Neighbour>
  readonly #down: RateMeter
  readonly #ctx: ExchangeOptions['ctx']
  #hadPlayback = false

  constructor(o: ExchangeOptions) {
    const { ctx, metadata, store } = o
    this.metadata = metadata
    this.store = store
    this.#encodedMetadata = o.encodedMetadata
    this.#neighbours = o.neighbours
    this.#down = o.down
    this.#ctx = ctx
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
    this.downloader = new Downloader({
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
    this.uploader = new Uploader({
      ctx,
      swarmId: o.swarmId,
      metadata,
      store,
      have: picker.have,
      neighbours: o.neighbours,
      up: o.up,
    })
  }

  /** A neighbour passed the proof exchange (or was waiting for our metadata): greet it. */
  greet(n: Neighbour): void {
    this.downloader.greet(n)
  }

  /** The messages of a handshaken neighbour that this phase answers. */
  handle(n: Neighbour, message: WireMessage): void {
    switch (message.type) {
      case 'choke':
        this.downloader.dropRequests(n)
        return
      case 'unchoke':
        this.downloader.fillRequests(n)
        return
      case 'bitfield':
        this.downloader.setBitfield(n, message.bytes)
        return
      case 'have':
        this.downloader.addHave(n, message.index)
        return
      case 'request':
      case 'urgent-request':
        this.uploader.handleRequest(n, message)
        return
      case 'cancel':
        this.uploader.handleCancel(n, message)
        return
      case 'piece':
        this.downloader.handlePiece(n, message)
        return
      case 'metadata-request':
        this.#serveMetadata(n, message.chunk)
        return
      default:
        // Metadata answers to a request we no longer have: we hold the metadata.
        return
    }
  }

  forget(n: Neighbour): void {
    this.downloader.forget(n)
    this.uploader.forget(n)
  }

  housekeeping(): void {
    this.downloader.expireRequests()
    // A safety net: a transport whose drain event we missed must not stall an upload forever.
    this.uploader.pumpAll()
  }

  /**
   * SPEC ST-5: the pieces under and ahead of a viewer's position get deadlines (none once nobody
   * plays), from the neighbours' measured rates. The swarm calls it when the playback changes and
   * at every housekeeping tick.
   */
  applyPlayback(playback: Playback | null): void {
    if (playback === null && !this.#hadPlayback) {
      return
    }
    this.#hadPlayback = playback !== null
    const rates = new Map<PeerId, number>()
    for (const n of this.#neighbours.values()) {
      rates.set(n.peerId, n.down.rate())
    }
    const { downloader } = this
    const { deadlines, fastPeers } = deadlinesOf(playback, {
      metadata: this.metadata,
      pieceCount: downloader.pieceCount,
      have: (index) => downloader.has(index),
      downloadBytesPerSecond: this.#down.rate(),
      rates,
      nowMs: this.#ctx.clock.now(),
    })
    downloader.setDeadlines(deadlines, fastPeers)
  }

  /** What the picker knows of one neighbour, for its stats row. */
  pickerFacts(peer: PeerId): PickerFacts {
    return {
      piecesHeld: this.downloader.piecesOf(peer),
      requestsOut: this.downloader.requestsTo(peer),
    }
  }

  stats(): ExchangeStats {
    return {
      pieceCount: this.downloader.pieceCount,
      piecesVerified: this.downloader.piecesVerified,
      downloadedBytes: this.downloader.verifiedBytes,
      inEndgame: this.downloader.inEndgame(),
      ...this.downloader.pieceMap(),
    }
  }

  /** Leaves: no upload timer fires after this, and the store closes. */
  async close(): Promise<void> {
    this.uploader.stop()
    await this.store.close()
  }

  #serveMetadata(n: Neighbour, chunk: number): void {
    const encoded = this.#encodedMetadata
    const start = chunk * METADATA_CHUNK_BYTES
    if (start >= encoded.length) {
      n.send({ type: 'metadata-reject', chunk })
      return
    }
    n.send({
      type: 'metadata-data',
      chunk,
      totalSize: encoded.length,
      data: encoded.subarray(start, start + METADATA_CHUNK_BYTES),
    })
  }
}
