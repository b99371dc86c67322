/**
 * A download cap for a whole engine (the CLI's `--down`, SPEC CL-10), applied where bytes arrive:
 * each channel's messages are handed to the engine no faster than the shared rate allows. The
 * engine keeps a bounded number of block requests in flight per neighbour (its pipeline), and asks
 * for more only as blocks are delivered, so holding deliveries back slows the senders too: the
 * bytes that wait here are at most one pipeline per neighbour.
 *
 * This tracks: 1. the shared token bucket (bytes that may be delivered now); 2. per channel, the
 * messages waiting for tokens, delivered in arrival order.
 */
import type { Channel, Transport } from '@swarmdrop/engine'
import type { Clock, Unsubscribe } from '@swarmdrop/protocol'

/**
 * Holds deliveries back while it is shut (the CLI shuts it while its disk is behind, SPEC CL-5),
 * with the same effect on the senders as the rate cap.
 */
export interface InboundGate {
  isOpen(): boolean
  /** Calls back whenever the gate may have opened. */
  onMaybeOpen(callback: () => void): Unsubscribe
}

/** A bucket holds at most this many seconds of the rate, so an idle spell allows a short burst. */
const BURST_SECONDS = 0.25

class TokenBucket {
  #tokens: number
  #at: number

  constructor(
    private readonly clock: Clock,
    private readonly bytesPerSecond: number,
  ) {
    this.#tokens = bytesPerSecond * BURST_SECONDS
    this.#at = clock.now()
  }

  /** Takes `bytes` if the bucket is not in debt; otherwise the ms until it will not be. */
  take(bytes: number): number {
    const now = this.clock.now()
    const cap = this.bytesPerSecond * BURST_SECONDS
    this.#tokens = Math.min(cap, this.#tokens + ((now - this.#at) * this.bytesPerSecond) / 1000)
    this.#at = now
    if (this.#tokens < 0) {
      return Math.ceil((-this.#tokens * 1000) / this.bytesPerSecond)
    }
    // Going into debt lets a message larger than the bucket through; the debt is paid by waiting.
    this.#tokens -= bytes
    return 0
  }
}

function throttleChannel(
  channel: Channel,
  bucket: TokenBucket | null,
  gate: InboundGate | null,
  clock: Clock,
): Channel {
  const listeners = new Set<(bytes: Uint8Array) => void>()
  const queue: Uint8Array[] = []
  let timer: Unsubscribe | null = null
  const pump = (): void => {
    timer = null
    while (queue.length > 0) {
      if (gate !== null && !gate.isOpen()) {
        const unsubscribe = gate.onMaybeOpen(() => {
          if (gate.isOpen()) {
            unsubscribe()
            pump()
          }
        })
        timer = unsubscribe
        return
      }
      const next = queue[0] as Uint8Array
      const waitMs = bucket === null ? 0 : bucket.take(next.length)
      if (waitMs > 0) {
        timer = clock.setTimeout(pump, waitMs)
        return
      }
      queue.shift()
      for (const listener of [...listeners]) {
        listener(next)
      }
    }
  }
  const unsubscribe = channel.onMessage((bytes) => {
    queue.push(bytes)
    if (timer === null && queue.length === 1) {
      pump()
    }
  })
  channel.onClose(() => {
    timer?.()
    queue.length = 0
    unsubscribe()
  })
  const onMessage = (callback: (bytes: Uint8Array) => void): Unsubscribe => {
    listeners.add(callback)
    return () => {
      listeners.delete(callback)
    }
  }
  // A Proxy, not a copy of the methods: whatever else a Channel offers now or later (route(),
  // the peer proof's fingerprints()) reaches the engine unchanged; only onMessage is ours.
  return new Proxy(channel, {
    get(target, property) {
      if (property === 'onMessage') {
        return onMessage
      }
      const value: unknown = Reflect.get(target, property, target)
      return typeof value === 'function'
        ? (value as (...a: unknown[]) => unknown).bind(target)
        : value
    },
  })
}

/**
 * Wraps `transport` so every channel's inbound messages share `bytesPerSecond` (0 = unlimited)
 * and wait while `gate` is shut.
 */
export function throttleInbound(
  transport: Transport,
  clock: Clock,
  bytesPerSecond: number,
  gate: InboundGate | null = null,
): Transport {
  if (bytesPerSecond <= 0 && gate === null) {
    return transport
  }
  const bucket = bytesPerSecond > 0 ? new TokenBucket(clock, bytesPerSecond) : null
  return {
    dial: async (swarmId, peer) =>
      throttleChannel(await transport.dial(swarmId, peer), bucket, gate, clock),
    onIncoming: (callback) =>
      transport.onIncoming((swarmId, peer, channel) =>
        callback(swarmId, peer, throttleChannel(channel, bucket, gate, clock)),
      ),
  }
}
