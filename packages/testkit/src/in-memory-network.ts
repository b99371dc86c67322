import type { Channel, DialFailureCode, Transport } from '@swarmdrop/engine'
import type {
  ChannelFingerprints,
  Clock,
  DiscoveryId,
  PeerId,
  Unsubscribe,
} from '@swarmdrop/protocol'

import type { ReusableTimer } from './manual-clock.ts'
import { ManualClock } from './manual-clock.ts'

/** bufferedAmount at or below which a memory channel fires onDrain (as RTCDataChannel's low mark). */
export const MEMORY_LOW_WATER_MARK_BYTES = 256 * 1024

/** How a node of the network behaves. */
export interface MemoryNodeOptions {
  /** Upload capacity shared by all the node's channels, bytes/s; 0 = unlimited. */
  readonly uploadBps?: number
  /** Download capacity shared by all the node's channels, bytes/s; 0 = unlimited. */
  readonly downloadBps?: number
}

export interface InMemoryNetworkOptions {
  readonly clock: Clock
  /** One-way delay of every message. */
  readonly latencyMs?: number
  /**
   * How many bytes a message occupies on a link (default: its length). The simulator moves
   * kilobyte pieces that stand for megabyte pieces, so a thousand peers need not copy gigabytes.
   */
  readonly linkBytes?: (message: Uint8Array) => number
  /** bufferedAmount at or below which onDrain fires (default MEMORY_LOW_WATER_MARK_BYTES). */
  readonly lowWaterMarkBytes?: number
}

type Listener<A extends unknown[]> = (...args: A) => void

/**
 * Listeners in an array replaced (never changed) on every subscribe and unsubscribe, so `emit`
 * walks a snapshot without copying it: emits far outnumber subscriptions (one per message).
 */
class Emitter<A extends unknown[]> {
  #listeners: readonly Listener<A>[] = []
  on(listener: Listener<A>): Unsubscribe {
    if (!this.#listeners.includes(listener)) {
      this.#listeners = [...this.#listeners, listener]
    }
    return () => {
      this.#listeners = this.#listeners.filter((l) => l !== listener)
    }
  }
  emit(...args: A): void {
    for (const listener of this.#listeners) {
      listener(...args)
    }
  }
}

/**
 * An Emitter of one argument without rest parameters: a channel emits one per delivered
 * message, and spreading the arguments allocated an array each time.
 */
class Emitter1<T> {
  #listeners: readonly ((value: T) => void)[] = []
  on(listener: (value: T) => void): Unsubscribe {
    if (!this.#listeners.includes(listener)) {
      this.#listeners = [...this.#listeners, listener]
    }
    return () => {
      this.#listeners = this.#listeners.filter((l) => l !== listener)
    }
  }
  emit(value: T): void {
    const listeners = this.#listeners
    for (let i = 0; i < listeners.length; i++) {
      listeners[i]?.(value)
    }
  }
}

interface Outgoing {
  readonly channel: MemoryChannel
  readonly bytes: Uint8Array
  /** Link bytes (scaled) still to send. */
  remaining: number
}

/** Below this many link bytes a message counts as sent (float residue of the share arithmetic). */
const SENT_EPSILON = 1e-3

/**
 * A node's upload link, shared fairly by its channels (processor sharing) and FIFO within each
 * channel. Real uplinks interleave packets of different peer connections (each its own SCTP
 * association), so a small request to one peer never waits behind a whole block to another.
 *
 * This tracks: 1. per channel, the messages not yet on the wire, 2. when the shares were last
 * advanced, 3. the one timer for the next message to finish.
 */
class Uplink {
  readonly #queues = new Map<MemoryChannel, Outgoing[]>()
  #updatedAt = 0
  /** The one timer for the next message to finish, set again on every message. */
  readonly #timer: ReusableTimer
  /** Scratch list of the messages one #fire finishes. */
  readonly #done: Outgoing[] = []

  constructor(
    private readonly clock: Clock,
    private readonly rateBps: number,
  ) {
    this.#timer = reusableTimer(clock, () => this.#fire())
  }

  enqueue(message: Outgoing): void {
    if (this.rateBps <= 0) {
      // Unlimited: on the wire at once, but never inside the caller's send().
      post(this.clock, transmit, message, 0)
      return
    }
    this.#advance()
    const queue = this.#queues.get(message.channel)
    if (queue) {
      queue.push(message)
    } else {
      this.#queues.set(message.channel, [message])
    }
    this.#reschedule()
  }

  /** Forgets a closed channel's unsent messages; returns their size for the books. */
  drop(channel: MemoryChannel): number {
    this.#advance()
    const queue = this.#queues.get(channel) ?? []
    this.#queues.delete(channel)
    this.#reschedule()
    return queue.reduce((sum, m) => sum + m.bytes.length, 0)
  }

  #advance(): void {
    const now = this.clock.now()
    const active = this.#queues.size
    if (active > 0) {
      const share = (((now - this.#updatedAt) / 1000) * this.rateBps) / active
      for (const queue of this.#queues.values()) {
        const head = queue[0]
        if (head) {
          head.remaining -= share
        }
      }
    }
    this.#updatedAt = now
  }

  #reschedule(): void {
    this.#timer.cancel()
    let least = Number.POSITIVE_INFINITY
    for (const queue of this.#queues.values()) {
      least = Math.min(least, queue[0]?.remaining ?? Number.POSITIVE_INFINITY)
    }
    if (least === Number.POSITIVE_INFINITY) {
      return
    }
    const delayMs = (Math.max(0, least) * this.#queues.size * 1000) / this.rateBps
    this.#timer.set(delayMs)
  }

  #fire(): void {
    this.#advance()
    const done = this.#done
    for (const [channel, queue] of this.#queues) {
      const head = queue[0]
      if (head && head.remaining <= SENT_EPSILON) {
        queue.shift()
        done.push(head)
        if (queue.length === 0) {
          this.#queues.delete(channel)
        }
      }
    }
    this.#reschedule()
    // Timers never fire inside a callback, so nothing below can re-enter #fire and share `done`.
    for (let i = 0; i < done.length; i++) {
      transmit(done[i] as Outgoing)
    }
    done.length = 0
  }
}

const transmit = (message: Outgoing): void => message.channel.transmitted(message)
const arrive = (message: Outgoing): void => message.channel.arrive(message.bytes)

/** `clock.setTimeout(() => callback(arg), delayMs)`, without a closure on a ManualClock. */
function post<T>(clock: Clock, callback: (arg: T) => void, arg: T, delayMs: number): void {
  if (clock instanceof ManualClock) {
    clock.post(callback, arg, delayMs)
  } else {
    clock.setTimeout(() => callback(arg), delayMs)
  }
}

/** A timer set again and again; in place on a ManualClock (see ReusableTimer). */
function reusableTimer(clock: Clock, callback: () => void): ReusableTimer {
  if (clock instanceof ManualClock) {
    return clock.reusableTimer(callback)
  }
  let cancel: Unsubscribe | null = null
  return {
    set: (delayMs) => {
      cancel?.()
      cancel = clock.setTimeout(callback, delayMs)
    },
    cancel: () => {
      cancel?.()
      cancel = null
    },
  }
}

interface MemoryNode {
  readonly peerId: PeerId
  readonly uploadBps: number
  readonly downloadBps: number
  readonly uplink: Uplink
  /** When the node's downlink is free again, for serialising what it receives. */
  nextFreeDown: number
  online: boolean
  /** Its links are cut without a close (see InMemoryNetwork.silence). */
  silenced: boolean
  readonly incoming: Emitter<[DiscoveryId, PeerId, Channel]>
  readonly channels: Set<MemoryChannel>
  sentBytes: number
  receivedBytes: number
}

/** One end of an in-memory channel pair; delivery and drain run on the shared Clock. */
class MemoryChannel implements Channel {
  remote: MemoryChannel | null = null
  #buffered = 0
  #closed = false
  readonly #message = new Emitter1<Uint8Array>()
  readonly #drain = new Emitter<[]>()
  readonly #close = new Emitter<[Error | undefined]>()

  constructor(
    private readonly network: InMemoryNetwork,
    readonly node: MemoryNode,
  ) {}

  get bufferedAmount(): number {
    return this.#buffered
  }

  get closed(): boolean {
    return this.#closed
  }

  send(bytes: Uint8Array): void {
    if (this.#closed) {
      throw new Error('channel closed')
    }
    // No copy: the sender never changes bytes after send (the Channel contract), and the
    // engine encodes every frame into a buffer of its own.
    const copy = bytes
    this.#buffered += copy.length
    this.network.maxBufferedAmount = Math.max(this.network.maxBufferedAmount, this.#buffered)
    this.node.sentBytes += copy.length
    this.node.uplink.enqueue({
      channel: this,
      bytes: copy,
      remaining: this.network.linkBytes(copy),
    })
  }

  /** The uplink finished putting a message on the wire: free the buffer, schedule the arrival. */
  transmitted(message: Outgoing): void {
    const bytes = message.bytes
    const before = this.#buffered
    this.#buffered -= bytes.length
    const low = this.network.lowWaterMarkBytes
    if (before > low && this.#buffered <= low) {
      this.#drain.emit()
    }
    const clock = this.network.clock
    const now = clock.now()
    let deliverAt = now + this.network.latencyMs
    const remoteNode = this.remote?.node
    if (remoteNode && remoteNode.downloadBps > 0) {
      const down = (this.network.linkBytes(bytes) / remoteNode.downloadBps) * 1000
      deliverAt = Math.max(deliverAt, remoteNode.nextFreeDown) + down
      remoteNode.nextFreeDown = deliverAt
    }
    post(clock, arrive, message, deliverAt - now)
  }

  /** A message this end sent reaches the other end, unless either closed or the link is cut. */
  arrive(bytes: Uint8Array): void {
    const remote = this.remote
    const cut = this.node.silenced || remote?.node.silenced === true
    if (!this.#closed && remote && !remote.closed && !cut) {
      remote.node.receivedBytes += bytes.length
      this.network.messagesDelivered++
      remote.deliver(bytes)
    } else {
      this.network.droppedBytes += bytes.length
    }
  }

  deliver(bytes: Uint8Array): void {
    this.#message.emit(bytes)
  }

  /**
   * Each node has one certificate, `cert:<peer id>` (SPEC PL-4). Across an intercepted pair each
   * end sees, as WebRTC would through a man in the middle, the relay's certificate for its leg.
   */
  fingerprints(): ChannelFingerprints | null {
    const remote = this.remote
    if (remote === null) {
      return null
    }
    const local = `cert:${this.node.peerId}`
    return this.network.isIntercepted(this.node.peerId, remote.node.peerId)
      ? { local, remote: `cert:relay-facing-${this.node.peerId}` }
      : { local, remote: `cert:${remote.node.peerId}` }
  }

  onMessage(callback: (bytes: Uint8Array) => void): Unsubscribe {
    return this.#message.on(callback)
  }

  onDrain(callback: () => void): Unsubscribe {
    return this.#drain.on(callback)
  }

  onClose(callback: (reason?: Error) => void): Unsubscribe {
    return this.#close.on(callback)
  }

  close(): void {
    this.shutdown(undefined)
    const remote = this.remote
    // Over a cut link the other end never hears of the close: only its idle timeout tells it.
    if (remote && !this.node.silenced && !remote.node.silenced) {
      this.network.clock.setTimeout(() => remote.shutdown(undefined), this.network.latencyMs)
    }
  }

  shutdown(reason: Error | undefined): void {
    if (this.#closed) {
      return
    }
    this.#closed = true
    this.node.channels.delete(this)
    this.network.droppedBytes += this.node.uplink.drop(this)
    this.#close.emit(reason)
  }
}

/** A dial rejection with a code, as the WebRTC transport's DialError carries (DialFailureCode). */
function dialError(code: DialFailureCode, message: string): Error & { code: DialFailureCode } {
  return Object.assign(new Error(message), { code })
}

/**
 * A loopback network of peers for engine tests: dial, incoming channels, per-node upload
 * capacity, latency and disconnects, all on an injected Clock (tldraw's TestSocketPair idea,
 * grown to a swarm).
 */
export class InMemoryNetwork {
  readonly clock: Clock
  readonly latencyMs: number
  /** How many bytes `message` occupies on a link. */
  readonly linkBytes: (message: Uint8Array) => number
  readonly lowWaterMarkBytes: number
  readonly #nodes = new Map<PeerId, MemoryNode>()
  /** Dials in progress, by swarm, dialler and target: the reverse dials answered by each. */
  readonly #dialing = new Map<string, DialWaiter[]>()
  /** Highest bufferedAmount any channel reached (for backpressure assertions). */
  maxBufferedAmount = 0
  /** Bytes sent but never delivered because a channel closed first (for conservation checks). */
  droppedBytes = 0
  /** Messages handed to a receiver (the simulator's unit of work). */
  messagesDelivered = 0
  /** Pairs whose channels a simulated man in the middle terminates (see intercept). */
  readonly #intercepted = new Set<string>()

  constructor(options: InMemoryNetworkOptions) {
    this.clock = options.clock
    this.latencyMs = options.latencyMs ?? 5
    this.linkBytes = options.linkBytes ?? ((message) => message.length)
    this.lowWaterMarkBytes = options.lowWaterMarkBytes ?? MEMORY_LOW_WATER_MARK_BYTES
  }

  /** Registers a node and returns its Transport. */
  transport(peerId: PeerId, options: MemoryNodeOptions = {}): Transport {
    const node: MemoryNode = {
      peerId,
      uploadBps: options.uploadBps ?? 0,
      downloadBps: options.downloadBps ?? 0,
      uplink: new Uplink(this.clock, options.uploadBps ?? 0),
      nextFreeDown: 0,
      online: true,
      silenced: false,
      incoming: new Emitter(),
      channels: new Set(),
      sentBytes: 0,
      receivedBytes: 0,
    }
    this.#nodes.set(peerId, node)
    return {
      dial: (discoveryId, peer) => this.#dial(node, discoveryId, peer),
      onIncoming: (callback) => node.incoming.on(callback),
    }
  }

  /** Takes a node off the network: every channel of it closes, dials to it fail. */
  disconnect(peerId: PeerId): void {
    const node = this.#nodes.get(peerId)
    if (!node) {
      return
    }
    node.online = false
    for (const channel of [...node.channels]) {
      channel.shutdown(new Error('peer disconnected'))
      const remote = channel.remote
      if (remote) {
        this.clock.setTimeout(() => remote.shutdown(new Error('peer disconnected')), this.latencyMs)
      }
    }
  }

  /**
   * Cuts every link of a node without closing anything, as a frozen tab or a dead route does:
   * nothing it sends or is sent arrives, closes are not heard across, dials to or from it fail
   * with ERR_DIAL_TIMEOUT. Channels stay open until an idle timeout closes them.
   */
  silence(peerId: PeerId): void {
    const node = this.#nodes.get(peerId)
    if (node) {
      node.silenced = true
    }
  }

  /** Undoes `silence`: new messages and dials get through again. */
  restore(peerId: PeerId): void {
    const node = this.#nodes.get(peerId)
    if (node) {
      node.silenced = false
    }
  }

  /**
   * Simulates a relay that terminates DTLS on both legs between `a` and `b` (SPEC PL-4): bytes
   * still flow, but each end's remote fingerprint is the relay's, so the two views disagree.
   */
  intercept(a: PeerId, b: PeerId): void {
    this.#intercepted.add(pairKey(a, b))
  }

  /** Whether channels between `a` and `b` are intercepted. */
  isIntercepted(a: PeerId, b: PeerId): boolean {
    return this.#intercepted.has(pairKey(a, b))
  }

  /** Bytes a node has put on the wire and taken off it (all frames, headers included). */
  traffic(peerId: PeerId): { sent: number; received: number } {
    const node = this.#nodes.get(peerId)
    return { sent: node?.sentBytes ?? 0, received: node?.receivedBytes ?? 0 }
  }

  #dial(from: MemoryNode, discoveryId: DiscoveryId, to: PeerId): Promise<Channel> {
    // SPEC TR-7, as the WebRTC transport does it: when both ends dial at once, one connection
    // satisfies both dials (neither sees it as incoming). Two crossing channels would each be
    // refused as a duplicate by the other end, and in lockstep runs they cross again every time.
    const crossing = this.#dialing.get(dialKey(discoveryId, to, from.peerId))
    if (crossing) {
      return new Promise((resolve, reject) => crossing.push({ resolve, reject }))
    }
    const key = dialKey(discoveryId, from.peerId, to)
    const answering: DialWaiter[] = []
    this.#dialing.set(key, answering)
    return new Promise((resolve, reject) => {
      this.clock.setTimeout(() => {
        this.#dialing.delete(key)
        const fail = (error: Error): void => {
          reject(error)
          for (const waiter of answering) {
            waiter.reject(error)
          }
        }
        const target = this.#nodes.get(to)
        if (!from.online) {
          fail(dialError('ERR_DIAL_OTHER', 'offline'))
          return
        }
        if (!target?.online) {
          fail(dialError('ERR_PEER_UNREACHABLE', `peer ${to} unreachable`))
          return
        }
        if (from.silenced || target.silenced) {
          fail(dialError('ERR_DIAL_TIMEOUT', `no route to ${to}`))
          return
        }
        const local = new MemoryChannel(this, from)
        const remote = new MemoryChannel(this, target)
        local.remote = remote
        remote.remote = local
        from.channels.add(local)
        target.channels.add(remote)
        const [answer, ...extra] = answering
        if (answer) {
          answer.resolve(remote)
          for (const waiter of extra) {
            waiter.reject(dialError('ERR_DIAL_OTHER', `already connected to ${from.peerId}`))
          }
        } else {
          target.incoming.emit(discoveryId, from.peerId, remote)
        }
        resolve(local)
      }, 2 * this.latencyMs)
    })
  }
}

interface DialWaiter {
  readonly resolve: (channel: Channel) => void
  readonly reject: (error: Error) => void
}

const dialKey = (discoveryId: DiscoveryId, from: PeerId, to: PeerId): string =>
  `${discoveryId}|${from}|${to}`

const pairKey = (a: PeerId, b: PeerId): string => (a < b ? `${a}|${b}` : `${b}|${a}`)
