import { Bitfield } from '../bitfield.ts'
import { ProtocolError } from '../errors.ts'
import type { PeerId, PieceIndex } from '../ids.ts'
import { pieceIndex } from '../ids.ts'
import { blockCountOf, blockSpan } from '../pieces/layout.ts'
import type { Random } from '../runtime.ts'

import type { PieceDeadline } from './deadlines.ts'

/** A block to request: piece index, offset in the piece, length. */
export interface BlockRequest {
  readonly index: PieceIndex
  readonly begin: number
  readonly length: number
}

/** Sizes the picker needs; the last piece may be shorter than `pieceLength`. */
export interface PiecePickerOptions {
  readonly pieceCount: number
  readonly pieceLength: number
  /** Size of the last piece. */
  readonly lastPieceLength: number
  readonly blockSize: number
  readonly random: Random
  /** Pieces already held (resume / seeding). */
  readonly have?: Bitfield
  /**
   * 'rarest-first' (SPEC PP-3, the default) or 'random': new pieces in random order, ignoring
   * availability — only for the simulator's ablation that shows what rarest first buys; or
   * 'sequential': lowest index first, WebTorrent's streaming default, for the streaming
   * comparison (SPEC ST-8) only.
   */
  readonly order?: PieceOrder
}

/** How new pieces are chosen. */
export type PieceOrder = 'rarest-first' | 'random' | 'sequential'

/** Block progress of a piece that has been touched (requested or received) and is not held. */
interface PieceProgress {
  readonly index: number
  /** Per block: received yet. */
  readonly received: boolean[]
  /** Per block: peers with an outstanding request for it (usually one; several in end game). */
  readonly requesters: PeerId[][]
  receivedCount: number
  /** Blocks neither received nor requested by anyone. */
  unrequested: number
}

/** A request in flight and when it was picked (the engine's clock, as passed to pickBlocks). */
interface InFlight {
  readonly request: BlockRequest
  readonly sentAt: number
}

/** A connected peer as the picker sees it. */
interface PeerState {
  readonly bitfield: Bitfield
  /** Pieces it holds that we lack: interest without a scan (SPEC EN-6). */
  interesting: number
  /** Outstanding requests, keyed by blockKey, in the order they were made. */
  readonly requests: Map<number, InFlight>
  /** Its requests may never be answered (SPEC PP-5): they do not count towards PP-6's cap. */
  snubbed: boolean
}

/**
 * SPEC PP-6: in end game a block is asked of at most this many neighbours at once. A block
 * already sitting in an uploader's send buffer cannot be cancelled, so every extra requester is
 * likely a wasted block. In a simulated bench:swarm (1 seed, 5 downloaders, 256 pieces, capped
 * links), asking every neighbour wasted 11 % of the upload and took 3 % longer than asking at
 * most two, which wasted 4 %.
 */
const MAX_ENDGAME_REQUESTERS = 2

/**
 * Rarest-first block picker (docs/SPEC.md §PP). It is fed facts by the engine and answers
 * queries; it never subscribes to anything and holds no timers.
 *
 * It is the only owner of these facts: the engine keeps no copy and asks (`bitfieldOf`,
 * `requestCount`, `isSnubbed`, `isInFlight`).
 *
 * This tracks: 1. availability of each piece among connected peers, 2. each peer's bitfield,
 * 3. per block of each partial piece: missing, requested (by which peers) or received,
 * 4. each peer's requests in flight and when each was picked, 5. which peers are snubbed
 * (SPEC PP-5), 6. which pieces are held (verified), 7. whether end game has begun (a count of
 * blocks in missing pieces that nobody has requested: end game is that count reaching zero).
 */
export class PiecePicker {
  readonly #pieceCount: number
  readonly #pieceLength: number
  readonly #lastPieceLength: number
  readonly #blockSize: number
  /** Blocks in a full piece: the stride of blockKey. */
  readonly #blocksPerPiece: number
  readonly #random: Random
  readonly #rarestFirst: boolean
  readonly #sequential: boolean
  /** SPEC ST-5: pieces a viewer needs, soonest first; asked for before anything else. */
  #deadlines: readonly PieceDeadline[] = []
  /** SPEC ST-7: the neighbours an urgent piece may be asked of in duplicate. */
  #fastPeers: ReadonlySet<PeerId> = new Set()
  /** Per piece: its place in #deadlines, soonest = 1; 0 for no deadline (preemptForDeadlines). */
  readonly #deadlineRank: Uint32Array
  readonly #have: Bitfield
  readonly #availability: Uint32Array
  readonly #peers = new Map<PeerId, PeerState>()
  /** Insertion order is start order: older partial pieces are finished first (SPEC PP-2). */
  readonly #partial = new Map<number, PieceProgress>()
  /** Per piece: 1 while it is in #partial (a Map lookup per piece made PP-3's scan slow). */
  readonly #isPartial: Uint8Array
  /** Scratch for #pickNewPieces: candidate pieces and their availability. */
  readonly #candidates: Uint32Array
  readonly #candidateLevels: Uint32Array
  #unrequestedBlocks = 0

  constructor(options: PiecePickerOptions) {
    const { pieceCount, pieceLength, lastPieceLength, blockSize } = options
    if (!Number.isSafeInteger(pieceCount) || pieceCount < 0) {
      throw new RangeError(`piece count must be a non-negative integer, got ${pieceCount}`)
    }
    if (!Number.isSafeInteger(blockSize) || blockSize <= 0) {
      throw new RangeError(`block size must be a positive integer, got ${blockSize}`)
    }
    if (!Number.isSafeInteger(pieceLength) || pieceLength <= 0) {
      throw new RangeError(`piece length must be a positive integer, got ${pieceLength}`)
    }
    if (pieceCount > 0 && !(lastPieceLength > 0 && lastPieceLength <= pieceLength)) {
      throw new RangeError(`last piece length ${lastPieceLength} outside 1..${pieceLength}`)
    }
    if (options.have !== undefined && options.have.length !== pieceCount) {
      throw new RangeError(`have bitfield of ${options.have.length} bits for ${pieceCount} pieces`)
    }
    this.#pieceCount = pieceCount
    this.#pieceLength = pieceLength
    this.#lastPieceLength = lastPieceLength
    this.#blockSize = blockSize
    this.#blocksPerPiece = Math.ceil(pieceLength / blockSize)
    this.#random = options.random
    this.#rarestFirst = (options.order ?? 'rarest-first') === 'rarest-first'
    this.#sequential = options.order === 'sequential'
    this.#have = options.have?.clone() ?? new Bitfield(pieceCount)
    this.#availability = new Uint32Array(pieceCount)
    this.#isPartial = new Uint8Array(pieceCount)
    this.#deadlineRank = new Uint32Array(pieceCount)
    this.#candidates = new Uint32Array(pieceCount)
    this.#candidateLevels = new Uint32Array(pieceCount)
    for (let i = 0; i < pieceCount; i++) {
      if (!this.#have.get(i)) {
        this.#unrequestedBlocks += this.#blockCount(i)
      }
    }
  }

  /** The pieces held (verified). Do not mutate. */
  get have(): Bitfield {
    return this.#have
  }

  /** A peer's bitfield arrived (or the peer connected with one); replaces any earlier one. */
  addPeer(peer: PeerId, bitfield: Bitfield): void {
    if (bitfield.length !== this.#pieceCount) {
      throw new ProtocolError(
        'ERR_BAD_BITFIELD',
        `bitfield of ${bitfield.length} pieces, expected ${this.#pieceCount}`,
      )
    }
    const previous = this.#peers.get(peer)
    if (previous !== undefined) {
      this.#adjustAvailability(previous.bitfield, -1)
    }
    const state: PeerState = {
      bitfield: bitfield.clone(),
      interesting: 0,
      requests: previous?.requests ?? new Map(),
      snubbed: previous?.snubbed ?? false,
    }
    this.#adjustAvailability(state.bitfield, 1)
    for (let i = 0; i < this.#pieceCount; i++) {
      if (state.bitfield.get(i) && !this.#have.get(i)) {
        state.interesting++
      }
    }
    this.#peers.set(peer, state)
  }

  /** A peer announced a piece; a peer that sent no bitfield is taken to have had none (BEP 3). */
  onHave(peer: PeerId, index: PieceIndex): void {
    this.#checkIndex(index)
    let state = this.#peers.get(peer)
    if (state === undefined) {
      state = {
        bitfield: new Bitfield(this.#pieceCount),
        interesting: 0,
        requests: new Map(),
        snubbed: false,
      }
      this.#peers.set(peer, state)
    }
    if (state.bitfield.get(index)) {
      return
    }
    state.bitfield.set(index)
    this.#availability[index] = (this.#availability[index] ?? 0) + 1
    if (!this.#have.get(index)) {
      state.interesting++
    }
  }

  /**
   * SPEC PP-5: a peer whose request timed out is snubbed until it sends a block. End game may
   * still ask it, but what it holds does not keep a block from two other peers (PP-6).
   */
  setSnubbed(peer: PeerId, snubbed: boolean): void {
    const state = this.#peers.get(peer)
    if (state !== undefined) {
      state.snubbed = snubbed
    }
  }

  /** Whether `peer` is snubbed (SPEC PP-5); false for a peer the picker does not know. */
  isSnubbed(peer: PeerId): boolean {
    return this.#peers.get(peer)?.snubbed ?? false
  }

  /** The pieces `peer` holds, or null before its bitfield (or first have). Do not mutate. */
  bitfieldOf(peer: PeerId): Bitfield | null {
    return this.#peers.get(peer)?.bitfield ?? null
  }

  /** How many blocks are requested from `peer` and not yet received or dropped. */
  requestCount(peer: PeerId): number {
    return this.#peers.get(peer)?.requests.size ?? 0
  }

  /** Whether some block of piece `index` is requested from someone and not yet received. */
  isInFlight(index: PieceIndex): boolean {
    const progress = this.#partial.get(index)
    return (
      progress !== undefined &&
      progress.received.length - progress.unrequested - progress.receivedCount > 0
    )
  }

  /**
   * The earliest time (as passed to pickBlocks) among `peer`'s requests in flight, or +Infinity
   * when it has none: no request of it can time out before this plus the time-out.
   */
  oldestRequestAt(peer: PeerId): number {
    let oldest = Number.POSITIVE_INFINITY
    for (const { sentAt } of this.#peers.get(peer)?.requests.values() ?? []) {
      oldest = Math.min(oldest, sentAt)
    }
    return oldest
  }

  /**
   * SPEC PP-5: drops `peer`'s requests picked before `sentBefore` and, if any, snubs it.
   * @returns the dropped requests, in the order they were made (the engine cancels them)
   */
  expireRequests(peer: PeerId, sentBefore: number): BlockRequest[] {
    const expired: BlockRequest[] = []
    const state = this.#peers.get(peer)
    if (state === undefined) {
      return expired
    }
    for (const { request, sentAt } of [...state.requests.values()]) {
      if (sentAt < sentBefore) {
        state.snubbed = true
        this.onRequestDropped(peer, request)
        expired.push(request)
      }
    }
    return expired
  }

  /**
   * SPEC PP-5: every request in flight to `peer` is dropped (it choked us, or its bitfield was
   * replaced); the blocks can be picked again.
   * @returns the dropped requests
   */
  dropRequests(peer: PeerId): BlockRequest[] {
    const dropped = [...(this.#peers.get(peer)?.requests.values() ?? [])].map((r) => r.request)
    for (const request of dropped) {
      this.onRequestDropped(peer, request)
    }
    return dropped
  }

  /** A peer left: forget its bitfield and release every block it had requested (SPEC PP-5, PP-7). */
  removePeer(peer: PeerId): void {
    const state = this.#peers.get(peer)
    if (state === undefined) {
      return
    }
    for (const { request } of [...state.requests.values()]) {
      this.onRequestDropped(peer, request)
    }
    this.#adjustAvailability(state.bitfield, -1)
    this.#peers.delete(peer)
  }

  /**
   * SPEC ST-5, ST-7: the pieces a viewer needs by when (from deadlines.ts), replacing any
   * earlier ones; [] clears them. `fastPeers` may be asked for an urgent piece's blocks even when
   * someone else was asked already.
   */
  setDeadlines(deadlines: readonly PieceDeadline[], fastPeers: ReadonlySet<PeerId>): void {
    for (const { index } of this.#deadlines) {
      this.#deadlineRank[index] = 0
    }
    this.#deadlines = deadlines.filter(({ index }) => index >= 0 && index < this.#pieceCount)
    this.#deadlines.forEach(({ index }, rank) => {
      this.#deadlineRank[index] ||= rank + 1
    })
    this.#fastPeers = fastPeers
  }

  /** SPEC ST-11: whether `index` has a deadline (ST-5), so its blocks are asked urgently. */
  hasDeadline(index: number): boolean {
    return this.#deadlineRank[index] !== 0
  }

  /**
   * SPEC ST-5: a deadline goes to the front of `peer`'s queue. A peer answers our requests in the
   * order we made them, so a deadline block asked after a full pipeline of rarest-first blocks
   * waits for all of them: on a neighbour giving us 25 kB/s, 16 queued blocks are 10 s. When
   * `peer` holds a deadline block it could be asked for now (one #pickDeadlines would pick), its
   * requests for pieces without a deadline or due later than that block are dropped, back to the
   * pool; the engine cancels them (an uploader forgets a cancelled request it has not sent yet,
   * WR-5) and asks again, soonest first. Anything asked after that queues behind the deadline
   * blocks, so this drops nothing more until a sooner deadline block appears (the window moved,
   * a have, a time-out).
   * @returns the dropped requests, in the order they were made
   */
  preemptForDeadlines(peer: PeerId): BlockRequest[] {
    const state = this.#peers.get(peer)
    const rank = state === undefined ? 0 : this.#soonestWanted(peer, state)
    if (state === undefined || rank === 0) {
      return []
    }
    const dropped: BlockRequest[] = []
    for (const { request } of [...state.requests.values()]) {
      const other = this.#deadlineRank[request.index] ?? 0
      if (other === 0 || other > rank) {
        this.onRequestDropped(peer, request)
        dropped.push(request)
      }
    }
    return dropped
  }

  /** Number of connected peers holding piece `index`. */
  availability(index: PieceIndex): number {
    return this.#availability[index] ?? 0
  }

  /** Whether `peer` holds any piece we lack (so we should be interested in it). */
  isInterestedIn(peer: PeerId): boolean {
    return (this.#peers.get(peer)?.interesting ?? 0) > 0
  }

  /**
   * Picks up to `max` blocks to request from `peer` and marks them requested by it at `now`
   * (the engine's clock; only expireRequests and oldestRequestAt read it).
   * Order (SPEC PP-*): blocks of partially requested pieces first; then new pieces rarest first,
   * ties broken with the injected Random; in end game, blocks already requested from others.
   */
  pickBlocks(peer: PeerId, max: number, now = 0): BlockRequest[] {
    const state = this.#peers.get(peer)
    const picked: BlockRequest[] = []
    if (state === undefined || max <= 0 || state.interesting === 0) {
      return picked
    }
    if (this.#deadlines.length > 0) {
      this.#pickDeadlines(peer, state, max, picked)
    }
    this.#pickFromPartial(peer, state, max, picked)
    if (picked.length < max) {
      this.#pickNewPieces(peer, state, max, picked)
    }
    if (picked.length < max && this.inEndgame()) {
      this.#pickEndgame(peer, state, max, picked)
    }
    for (const request of picked) {
      state.requests.set(this.#blockKey(request.index, request.begin / this.#blockSize), {
        request,
        sentAt: now,
      })
    }
    return picked
  }

  /**
   * A block arrived from `peer`. Returns the other peers that still had it requested (end game):
   * the engine sends them `cancel`. Returns [] for a block that was not expected.
   *
   * A block that is still missing counts as received even if `peer`'s request had been dropped
   * (a late answer after a time-out): the bytes are as good as any, and the hash check decides.
   */
  onBlockReceived(peer: PeerId, block: BlockRequest): PeerId[] {
    const blockIndex = this.#blockIndexOf(block)
    if (blockIndex === null || this.#have.get(block.index)) {
      return []
    }
    const progress = this.#progressOf(block.index)
    if (progress.received[blockIndex] === true) {
      return []
    }
    progress.received[blockIndex] = true
    progress.receivedCount++
    const requesters = progress.requesters[blockIndex] ?? []
    if (requesters.length === 0) {
      progress.unrequested--
      this.#unrequestedBlocks--
    }
    const key = this.#blockKey(block.index, blockIndex)
    for (const requester of requesters) {
      this.#peers.get(requester)?.requests.delete(key)
    }
    progress.requesters[blockIndex] = []
    return requesters.filter((p) => p !== peer)
  }

  /**
   * A received block was thrown away (SPEC EN-2: its sender was shunned before the piece was
   * complete): it is missing and unrequested again.
   */
  onBlockLost(block: BlockRequest): void {
    const blockIndex = this.#blockIndexOf(block)
    const progress = this.#partial.get(block.index)
    if (blockIndex === null || progress === undefined || progress.received[blockIndex] !== true) {
      return
    }
    progress.received[blockIndex] = false
    progress.receivedCount--
    progress.unrequested++
    this.#unrequestedBlocks++
  }

  /** A request to `peer` was dropped (time-out, choke, cancel): the block can be picked again. */
  onRequestDropped(peer: PeerId, block: BlockRequest): void {
    const blockIndex = this.#blockIndexOf(block)
    const state = this.#peers.get(peer)
    if (blockIndex === null || state === undefined) {
      return
    }
    const key = this.#blockKey(block.index, blockIndex)
    if (!state.requests.delete(key)) {
      return
    }
    const progress = this.#partial.get(block.index)
    if (progress === undefined) {
      return
    }
    const requesters = (progress.requesters[blockIndex] ?? []).filter((p) => p !== peer)
    progress.requesters[blockIndex] = requesters
    if (requesters.length === 0 && progress.received[blockIndex] !== true) {
      progress.unrequested++
      this.#unrequestedBlocks++
    }
  }

  /** A piece passed its hash check: it is held from now on. */
  onPieceVerified(index: PieceIndex): void {
    this.#checkIndex(index)
    if (this.#have.get(index)) {
      return
    }
    this.#forgetProgress(index)
    this.#unrequestedBlocks -= this.#blockCount(index)
    this.#have.set(index)
    for (const state of this.#peers.values()) {
      if (state.bitfield.get(index)) {
        state.interesting--
      }
    }
  }

  /** A piece failed its hash check: all its blocks are missing again. */
  onPieceFailed(index: PieceIndex): void {
    this.#checkIndex(index)
    if (!this.#have.get(index)) {
      this.#forgetProgress(index)
    }
  }

  /** True once every missing block has been requested at least once (SPEC PP end game). */
  inEndgame(): boolean {
    return this.#unrequestedBlocks === 0 && !this.#have.isComplete()
  }

  /**
   * SPEC ST-5: pieces with a deadline first, soonest first; ST-7: an urgent one's blocks already
   * asked of someone else are asked again of a fast neighbour (at most MAX_ENDGAME_REQUESTERS
   * answering requesters a block, as in end game).
   */
  #pickDeadlines(peer: PeerId, state: PeerState, max: number, picked: BlockRequest[]): void {
    const fast = this.#fastPeers.has(peer)
    for (const { index, urgent } of this.#deadlines) {
      if (picked.length >= max) {
        return
      }
      if (this.#have.get(index) || !state.bitfield.get(index)) {
        continue
      }
      const progress = this.#progressOf(index)
      this.#requestUnrequested(peer, progress, max, picked)
      if (!urgent || !fast) {
        continue
      }
      progress.requesters.forEach((requesters, block) => {
        if (
          picked.length < max &&
          progress.received[block] !== true &&
          requesters.length > 0 &&
          !requesters.includes(peer) &&
          this.#answeringRequesters(requesters) < MAX_ENDGAME_REQUESTERS
        ) {
          picked.push(this.#request(peer, progress, block))
        }
      })
    }
  }

  /**
   * The rank (soonest = 1) of the first deadline piece #pickDeadlines would pick a block of from
   * `peer` now, or 0 for none.
   */
  #soonestWanted(peer: PeerId, state: PeerState): number {
    const fast = this.#fastPeers.has(peer)
    for (const [position, { index, urgent }] of this.#deadlines.entries()) {
      if (this.#have.get(index) || !state.bitfield.get(index)) {
        continue
      }
      const progress = this.#partial.get(index)
      const wanted =
        progress === undefined ||
        progress.unrequested > 0 ||
        (urgent &&
          fast &&
          progress.requesters.some(
            (requesters, block) =>
              progress.received[block] !== true &&
              requesters.length > 0 &&
              !requesters.includes(peer) &&
              this.#answeringRequesters(requesters) < MAX_ENDGAME_REQUESTERS,
          ))
      if (wanted) {
        return position + 1
      }
    }
    return 0
  }

  /** SPEC PP-2: finish what is started before starting anything new. */
  #pickFromPartial(peer: PeerId, state: PeerState, max: number, picked: BlockRequest[]): void {
    for (const progress of this.#partial.values()) {
      if (picked.length >= max) {
        return
      }
      if (progress.unrequested > 0 && state.bitfield.get(progress.index)) {
        this.#requestUnrequested(peer, progress, max, picked)
      }
    }
  }

  /** SPEC PP-3: new pieces by ascending availability, shuffling each availability level. */
  #pickNewPieces(peer: PeerId, state: PeerState, max: number, picked: BlockRequest[]): void {
    // One pass over the pieces, into scratch arrays the picker keeps (this runs per request
    // batch, over every piece): the candidates in ascending index order, and their availability.
    const candidates = this.#candidates
    const levelOf = this.#candidateLevels
    let count = 0
    for (let i = 0; i < this.#pieceCount; i++) {
      if (this.#isPartial[i] === 0 && state.bitfield.get(i) && !this.#have.get(i)) {
        candidates[count] = i
        // Sequential (and random): one level, kept in index order for sequential (no shuffle).
        levelOf[count] = this.#rarestFirst ? (this.#availability[i] ?? 0) : 0
        count++
      }
    }
    // Levels from the lowest up; each level's pieces keep ascending index order before the shuffle.
    let below = -1
    while (count > 0) {
      let availability = Number.POSITIVE_INFINITY
      for (let c = 0; c < count; c++) {
        const level = levelOf[c] ?? 0
        if (level > below && level < availability) {
          availability = level
        }
      }
      if (availability === Number.POSITIVE_INFINITY) {
        return
      }
      below = availability
      const level: number[] = []
      for (let c = 0; c < count; c++) {
        if (levelOf[c] === availability) {
          level.push(candidates[c] ?? 0)
        }
      }
      // A partial Fisher–Yates: only as many draws as pieces we start, not one per candidate.
      for (let i = 0; i < level.length && picked.length < max; i++) {
        const j = this.#sequential ? i : i + Math.floor(this.#random.next() * (level.length - i))
        const index = level[j] ?? 0
        level[j] = level[i] ?? 0
        level[i] = index
        this.#requestUnrequested(peer, this.#progressOf(pieceIndex(index)), max, picked)
      }
      if (picked.length >= max) {
        return
      }
    }
  }

  /** SPEC PP-6: blocks requested from others, least duplicated first, never twice from one peer. */
  #pickEndgame(peer: PeerId, state: PeerState, max: number, picked: BlockRequest[]): void {
    const candidates: { progress: PieceProgress; block: number; requesters: number }[] = []
    for (const progress of this.#partial.values()) {
      if (!state.bitfield.get(progress.index)) {
        continue
      }
      progress.requesters.forEach((requesters, block) => {
        if (
          progress.received[block] !== true &&
          this.#answeringRequesters(requesters) < MAX_ENDGAME_REQUESTERS &&
          !requesters.includes(peer)
        ) {
          candidates.push({ progress, block, requesters: requesters.length })
        }
      })
    }
    candidates.sort((a, b) => a.requesters - b.requesters)
    for (const { progress, block } of candidates.slice(0, max - picked.length)) {
      picked.push(this.#request(peer, progress, block))
    }
  }

  /** Requesters of a block that are not snubbed: the ones expected to answer. */
  #answeringRequesters(requesters: readonly PeerId[]): number {
    let count = 0
    for (const requester of requesters) {
      if (this.#peers.get(requester)?.snubbed !== true) {
        count++
      }
    }
    return count
  }

  #requestUnrequested(
    peer: PeerId,
    progress: PieceProgress,
    max: number,
    picked: BlockRequest[],
  ): void {
    for (let block = 0; block < progress.received.length && picked.length < max; block++) {
      if (progress.received[block] !== true && progress.requesters[block]?.length === 0) {
        progress.unrequested--
        this.#unrequestedBlocks--
        picked.push(this.#request(peer, progress, block))
      }
    }
  }

  /** Marks a block requested by `peer`; pickBlocks records it in the peer's requests. */
  #request(peer: PeerId, progress: PieceProgress, block: number): BlockRequest {
    const request = this.#blockRequest(progress.index, block)
    progress.requesters[block]?.push(peer)
    return request
  }

  /** The progress of a piece, creating an untouched one (all blocks unrequested) if needed. */
  #progressOf(index: PieceIndex): PieceProgress {
    let progress = this.#partial.get(index)
    if (progress === undefined) {
      const blocks = this.#blockCount(index)
      progress = {
        index,
        received: new Array<boolean>(blocks).fill(false),
        requesters: Array.from({ length: blocks }, () => []),
        receivedCount: 0,
        unrequested: blocks,
      }
      this.#partial.set(index, progress)
      this.#isPartial[index] = 1
    }
    return progress
  }

  /** Drops a piece's block progress and its outstanding requests: all blocks unrequested again. */
  #forgetProgress(index: number): void {
    const progress = this.#partial.get(index)
    if (progress === undefined) {
      return
    }
    progress.requesters.forEach((requesters, block) => {
      const key = this.#blockKey(index, block)
      for (const requester of requesters) {
        this.#peers.get(requester)?.requests.delete(key)
      }
    })
    this.#unrequestedBlocks += progress.received.length - progress.unrequested
    this.#partial.delete(index)
    this.#isPartial[index] = 0
  }

  #adjustAvailability(bitfield: Bitfield, delta: 1 | -1): void {
    for (let i = 0; i < this.#pieceCount; i++) {
      if (bitfield.get(i)) {
        this.#availability[i] = (this.#availability[i] ?? 0) + delta
      }
    }
  }

  #pieceBytes(index: number): number {
    return index === this.#pieceCount - 1 ? this.#lastPieceLength : this.#pieceLength
  }

  #blockCount(index: number): number {
    return blockCountOf(this.#pieceBytes(index), this.#blockSize)
  }

  #blockRequest(index: number, block: number): BlockRequest {
    const { begin, length } = blockSpan(this.#pieceBytes(index), block, this.#blockSize)
    return { index: pieceIndex(index), begin, length }
  }

  #blockKey(index: number, block: number): number {
    return index * this.#blocksPerPiece + block
  }

  /** The block number of a well-formed block of this swarm, or null. */
  #blockIndexOf(block: BlockRequest): number | null {
    const { index, begin, length } = block
    if (!Number.isInteger(index) || index < 0 || index >= this.#pieceCount) {
      return null
    }
    if (!Number.isInteger(begin) || begin < 0 || begin % this.#blockSize !== 0) {
      return null
    }
    const blockIndex = begin / this.#blockSize
    if (blockIndex >= this.#blockCount(index)) {
      return null
    }
    return this.#blockRequest(index, blockIndex).length === length ? blockIndex : null
  }

  #checkIndex(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.#pieceCount) {
      throw new ProtocolError(
        'ERR_MALFORMED_MESSAGE',
        `piece index ${index} outside 0..${this.#pieceCount - 1}`,
      )
    }
  }
}
