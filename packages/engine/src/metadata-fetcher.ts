import type { Clock, Hasher, Metadata, PeerId, SwarmId } from '@swarmdrop/protocol'
import { MAX_METADATA_BYTES, METADATA_CHUNK_BYTES, verifyMetadata } from '@swarmdrop/protocol'

export interface MetadataFetcherOptions {
  readonly swarmId: SwarmId
  readonly hasher: Hasher
  readonly clock: Clock
  readonly timeoutMs: number
  /** Sends a metadata-request for `chunk` to `peer`. */
  readonly request: (peer: PeerId, chunk: number) => void
  /** The metadata arrived and hashes to the swarm id. */
  readonly onMetadata: (metadata: Metadata, encoded: Uint8Array) => void
  /** `peer` sent metadata that is malformed or does not hash to the swarm id (SPEC MD-3). */
  readonly onBadSource: (peer: PeerId, reason: string) => void
}

/**
 * Fetches a swarm's metadata from one neighbour at a time, chunk by chunk (BEP 9's idea), and
 * trusts it only once it hashes to the swarm id.
 *
 * This tracks: 1. the neighbour we fetch from, 2. the chunks so far and the announced size,
 * 3. neighbours that refused or failed, so we move on to others.
 */
export class MetadataFetcher {
  readonly #options: MetadataFetcherOptions
  #source: PeerId | null = null
  #chunks: (Uint8Array | undefined)[] = []
  #totalSize = 0
  #requestedAt = 0
  #verifying = false
  #done = false
  readonly #failed = new Set<PeerId>()

  constructor(options: MetadataFetcherOptions) {
    this.#options = options
  }

  /** Offers a neighbour that holds the metadata; starts fetching from it if idle. */
  offer(peer: PeerId): void {
    if (this.#done || this.#source !== null || this.#failed.has(peer)) {
      return
    }
    this.#source = peer
    this.#chunks = []
    this.#totalSize = 0
    this.#requestNext()
  }

  /** Whether a fetch is running (so callers know to offer others when it ends). */
  get busy(): boolean {
    return this.#source !== null
  }

  handleData(peer: PeerId, chunk: number, totalSize: number, data: Uint8Array): void {
    if (peer !== this.#source || this.#verifying) {
      return
    }
    if (chunk === 0 && this.#chunks.length === 0) {
      if (totalSize <= 0 || totalSize > MAX_METADATA_BYTES) {
        this.#fail(peer, `metadata size ${totalSize} out of range`, true)
        return
      }
      this.#totalSize = totalSize
      this.#chunks = new Array<Uint8Array | undefined>(Math.ceil(totalSize / METADATA_CHUNK_BYTES))
    }
    const expected = Math.min(METADATA_CHUNK_BYTES, this.#totalSize - chunk * METADATA_CHUNK_BYTES)
    if (totalSize !== this.#totalSize || chunk >= this.#chunks.length || data.length !== expected) {
      this.#fail(peer, 'inconsistent metadata chunk', true)
      return
    }
    this.#chunks[chunk] = data.slice()
    const next = this.#chunks.findIndex((c) => c === undefined)
    if (next >= 0) {
      this.#requestNext()
      return
    }
    void this.#verify(peer)
  }

  handleReject(peer: PeerId): void {
    if (peer === this.#source) {
      this.#fail(peer, 'rejected', false)
    }
  }

  /** A neighbour left; if it was our source, the caller offers the next one. */
  forget(peer: PeerId): void {
    if (peer === this.#source && !this.#verifying) {
      this.#source = null
    }
  }

  /** Drops a source that stopped answering (SPEC PP-5's time-out, applied to metadata). */
  checkTimeout(): void {
    if (this.#source !== null && !this.#verifying) {
      if (this.#options.clock.now() - this.#requestedAt > this.#options.timeoutMs) {
        this.#fail(this.#source, 'timed out', false)
      }
    }
  }

  #requestNext(): void {
    const source = this.#source
    if (source === null) {
      return
    }
    const next = this.#chunks.length === 0 ? 0 : this.#chunks.findIndex((c) => c === undefined)
    this.#requestedAt = this.#options.clock.now()
    this.#options.request(source, next)
  }

  async #verify(peer: PeerId): Promise<void> {
    const encoded = new Uint8Array(this.#totalSize)
    this.#chunks.forEach((chunk, i) => {
      if (chunk) {
        encoded.set(chunk, i * METADATA_CHUNK_BYTES)
      }
    })
    this.#verifying = true
    try {
      const metadata = await verifyMetadata(encoded, this.#options.swarmId, this.#options.hasher)
      this.#done = true
      this.#source = null
      this.#options.onMetadata(metadata, encoded)
    } catch (error) {
      this.#verifying = false
      this.#fail(peer, error instanceof Error ? error.message : String(error), true)
    } finally {
      this.#verifying = false
    }
  }

  #fail(peer: PeerId, reason: string, bad: boolean): void {
    this.#failed.add(peer)
    this.#source = null
    this.#chunks = []
    if (bad) {
      this.#options.onBadSource(peer, reason)
    }
  }
}
