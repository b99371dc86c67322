import type { Metadata, PeerId, SwarmId, WireMessage } from '@swarmdrop/protocol'

import { MetadataFetcher } from './metadata-fetcher.ts'
import type { Neighbour } from './neighbour.ts'
import type { SwarmContext } from './swarm-context.ts'

export interface FetchingOptions {
  readonly ctx: SwarmContext
  readonly swarmId: SwarmId
  readonly neighbours: ReadonlyMap<PeerId, Neighbour>
  readonly onMetadata: (metadata: Metadata, encoded: Uint8Array) => void
  readonly onBadSource: (peer: PeerId, reason: string) => void
}

/**
 * The swarm's phase before the metadata: it asks neighbours that have it, one source at a time
 * (SPEC MD-*), holds the bitfields and haves it cannot read yet, and refuses requests for metadata
 * and pieces it does not have.
 *
 * This tracks: (through the MetadataFetcher) the source being asked and the chunks received.
 */
export class FetchingMetadata {
  readonly kind = 'fetching-metadata'
  readonly #o: FetchingOptions
  readonly #fetcher: MetadataFetcher

  constructor(options: FetchingOptions) {
    this.#o = options
    const { ctx } = options
    this.#fetcher = new MetadataFetcher({
      swarmId: options.swarmId,
      hasher: ctx.hasher,
      clock: ctx.clock,
      timeoutMs: ctx.config.requestTimeoutMs,
      request: (peer, chunk) =>
        options.neighbours.get(peer)?.send({ type: 'metadata-request', chunk }),
      onMetadata: options.onMetadata,
      onBadSource: options.onBadSource,
    })
  }

  /** A neighbour passed the proof exchange: a source if it has the metadata. */
  greet(n: Neighbour): void {
    if (n.remoteHasMetadata) {
      this.#fetcher.offer(n.peerId)
    }
  }

  /** The messages of a handshaken neighbour that this phase answers. */
  handle(n: Neighbour, message: WireMessage): void {
    switch (message.type) {
      case 'bitfield':
        n.holdBitfield(message.bytes)
        this.#fetcher.offer(n.peerId)
        return
      case 'have':
        n.holdHave(message.index)
        return
      case 'metadata-request':
        n.send({ type: 'metadata-reject', chunk: message.chunk })
        return
      case 'metadata-data':
        this.#fetcher.handleData(n.peerId, message.chunk, message.totalSize, message.data)
        return
      case 'metadata-reject':
        this.#fetcher.handleReject(n.peerId)
        this.offerSources()
        return
      default:
        // BEP 3: no pieces to serve or receive before the metadata; choke state is kept by Neighbour.
        return
    }
  }

  forget(n: Neighbour): void {
    this.#fetcher.forget(n.peerId)
  }

  /** Drops a source that stopped answering. */
  housekeeping(): void {
    this.#fetcher.checkTimeout()
  }

  /** Offers every handshaken neighbour with the metadata until one is being asked. */
  offerSources(): void {
    for (const n of this.#o.neighbours.values()) {
      if (this.#fetcher.busy) {
        return
      }
      if (n.handshaken && n.remoteHasMetadata) {
        this.#fetcher.offer(n.peerId)
      }
    }
  }
}
