import type { Channel, ChannelRoute } from '@swarmdrop/engine'
import type { Clock, Logger, Unsubscribe } from '@swarmdrop/protocol'
import { MAX_MESSAGE_BYTES, forEachFrame } from '@swarmdrop/protocol'

import { watchConnection } from './connection-watch.ts'
import { fingerprintsOf } from './sdp-fingerprints.ts'
import type { IceSettingsRefresher } from './ice-settings.ts'
import type { SimplePeerInstance } from './simple-peer-types.ts'

/**
 * `onDrain` fires when the data channel's bufferedAmount falls to this. A quarter of the engine's
 * default 1 MiB high-water mark: enough queued to keep the SCTP pipe full while the engine
 * reacts, small enough that a choke or cancel is not stuck behind seconds of data.
 */
export const LOW_WATER_MARK_BYTES = 256 * 1024

/**
 * Where the data channel has no `bufferedamountlow` event (@roamhq/wrtc in Node), drain is
 * found by polling this often while bytes are queued above the low-water mark.
 */
export const DRAIN_POLL_INTERVAL_MS = 50

/** Tasks afterThisTask runs at the next message on its port, in order. */
let afterTaskQueue: (() => void)[] = []
let afterTaskPort: MessagePort | null = null

/**
 * Runs `task` after the current task, before timers and unthrottled in a background tab (a timer
 * there fires at most once a second): the outbox is flushed here, so the frames the engine sends
 * while its pump awaits one store read after another still share a message (SPEC WR-1).
 *
 * One MessageChannel for the whole page, not one per call: a new channel and its close cost the
 * tab a message pipe each time, and a download flushes an outbox several hundred times a second.
 */
export function afterThisTask(task: () => void): void {
  if (typeof setImmediate === 'function') {
    setImmediate(task)
    return
  }
  afterTaskQueue.push(task)
  if (afterTaskQueue.length > 1) {
    return
  }
  if (afterTaskPort === null) {
    const { port1, port2 } = new MessageChannel()
    port1.onmessage = () => {
      const tasks = afterTaskQueue
      afterTaskQueue = []
      for (const queued of tasks) {
        queued()
      }
    }
    afterTaskPort = port2
  }
  afterTaskPort.postMessage(null)
}

/** Copies nothing: a view on whatever byte container the flavour delivered. */
function toUint8Array(data: unknown): Uint8Array | null {
  if (data instanceof Uint8Array) {
    // Buffer (simple-peer 9) is a Uint8Array subclass; hand out a plain view of it.
    return data.constructor === Uint8Array
      ? data
      : new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
  }
  if (data instanceof ArrayBuffer) {
    return new Uint8Array(data)
  }
  if (ArrayBuffer.isView(data)) {
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
  }
  return null
}

/** What a peer channel needs besides its peer. */
export interface PeerChannelOptions {
  readonly clock: Clock
  readonly logger: Logger
  /** This side made the offer (SPEC TR-7): it is the one that starts an ICE restart. */
  readonly initiator: boolean
  /** Fresh ICE settings for an ICE restart (SPEC NET-3); the current ones when omitted. */
  readonly refreshIceConfig?: IceSettingsRefresher | undefined
  /** When queued frames go out (default afterThisTask); tests flush by hand. */
  readonly scheduleFlush?: ((flush: () => void) => void) | undefined
}

/** A Channel over WebRTC, with its route always known once the first stats are read. */
export interface PeerChannel extends Channel {
  route(): ChannelRoute | null
  /** Starts an ICE restart now; the channel does it by itself when ICE stays disconnected. */
  restartIce(): Promise<void>
}

/**
 * Adapts a connected simple-peer instance to the engine's Channel.
 *
 * This tracks: 1. message subscribers, and messages that arrived before the first one (so the
 * engine may subscribe after an await without losing the handshake); 2. drain and close
 * subscribers; 3. whether the channel has closed, and why; 4. (connection-watch.ts) its route
 * and any ICE restart.
 *
 * SPEC WR-1: frames sent in one task wait in an outbox and leave together, back to back in
 * messages of up to MAX_MESSAGE_BYTES (a full message leaves at once; the rest after the task);
 * each arriving message is split into its frames, as views, before the engine sees them. The
 * outbox counts in `bufferedAmount`, so the engine's flow control (EN-3) sees it.
 *
 * Sending uses `peer.send`, which writes straight to the RTCDataChannel: simple-peer's stream
 * `write` path has its own 64 KiB buffer and back-pressure that would hide bufferedAmount from
 * the engine's flow control (SPEC EN-3).
 *
 * SPEC NET-4: the channel closes on whichever close signal comes first: simple-peer's `close`,
 * the data channel's own `close` or `error`, or the peer connection's `connectionState` turning
 * `failed` or `closed`. The browser build of simple-peer does not always emit `close`.
 */
export function createPeerChannel(
  peer: SimplePeerInstance,
  { clock, logger, initiator, refreshIceConfig, scheduleFlush = afterThisTask }: PeerChannelOptions,
): PeerChannel {
  const dataChannel = peer._channel
  const pc = peer._pc
  if (!dataChannel || !pc) {
    throw new Error('simple-peer connected without a data channel')
  }
  // Read once, at open: the certificates a connection was made with never change (SPEC PL-4).
  const fingerprints = fingerprintsOf(pc)
  const nativeDrainEvent = typeof dataChannel.bufferedAmountLowThreshold === 'number'
  // Overrides simple-peer's own 64 KiB threshold, which only its stream write path uses.
  dataChannel.bufferedAmountLowThreshold = LOW_WATER_MARK_BYTES

  const messageListeners = new Set<(bytes: Uint8Array) => void>()
  const drainListeners = new Set<() => void>()
  const closeListeners = new Set<(reason?: Error) => void>()
  const early: Uint8Array[] = []
  let flushing = false
  let closed = false
  let closeReason: Error | undefined
  // The outbox (SPEC WR-1): frames (or the parts of one) not yet handed to the data channel,
  // and their bytes.
  let outbox: Uint8Array[] = []
  let outboxBytes = 0
  let flushScheduled = false
  // Reused for every packed message (see flushOutbox); allocated on the first one.
  let packBuffer: Uint8Array | null = null

  const deliver = (bytes: Uint8Array): void => {
    for (const listener of messageListeners) {
      listener(bytes)
    }
  }
  const receive = (frame: Uint8Array): void => {
    // Queued frames go first, so delivery order is arrival order.
    if (messageListeners.size === 0 || early.length > 0) {
      early.push(frame)
    } else {
      deliver(frame)
    }
  }
  peer.on('data', (data) => {
    const bytes = toUint8Array(data)
    if (!bytes) {
      logger.warn('webrtc: dropped a non-binary data-channel message')
      return
    }
    forEachFrame(bytes, receive)
  })
  const flushEarly = (): void => {
    flushing = false
    while (early.length > 0 && messageListeners.size > 0 && !closed) {
      deliver(early.shift() as Uint8Array)
    }
  }

  const onBufferedAmountLow = (): void => {
    for (const listener of drainListeners) {
      listener()
    }
  }
  dataChannel.addEventListener('bufferedamountlow', onBufferedAmountLow)
  let stopPolling: Unsubscribe | null = null
  const pollForDrain = (): void => {
    if (nativeDrainEvent || stopPolling || dataChannel.bufferedAmount <= LOW_WATER_MARK_BYTES) {
      return
    }
    stopPolling = clock.setInterval(() => {
      if (dataChannel.bufferedAmount <= LOW_WATER_MARK_BYTES) {
        stopPolling?.()
        stopPolling = null
        onBufferedAmountLow()
      }
    }, DRAIN_POLL_INTERVAL_MS)
  }

  peer.on('error', (error) => {
    closeReason ??= error
  })
  const teardown = (reason?: Error): void => {
    if (closed) {
      return
    }
    closed = true
    closeReason ??= reason
    outbox = []
    outboxBytes = 0
    dataChannel.removeEventListener('bufferedamountlow', onBufferedAmountLow)
    dataChannel.removeEventListener('close', onDataChannelClose)
    dataChannel.removeEventListener('error', onDataChannelError)
    pc.removeEventListener('connectionstatechange', onConnectionState)
    stopPolling?.()
    watch.stop()
    // Whatever route closed us, simple-peer must let go of the connection too (idempotent).
    peer.destroy()
    const closedFor = closeReason
    for (const listener of closeListeners) {
      listener(closedFor)
    }
    messageListeners.clear()
    drainListeners.clear()
    closeListeners.clear()
  }
  const onDataChannelClose = (): void => teardown(new Error('WebRTC data channel closed'))
  const onDataChannelError = (): void => teardown(new Error('WebRTC data channel failed'))
  const onConnectionState = (): void => {
    if (pc.connectionState === 'failed' || pc.connectionState === 'closed') {
      teardown(new Error(`WebRTC connection ${pc.connectionState}`))
    }
  }
  const watch = watchConnection(peer, pc, {
    clock,
    logger,
    initiator,
    refreshIceConfig,
    onGone: (reason) => teardown(reason),
  })
  peer.on('close', () => teardown())
  dataChannel.addEventListener('close', onDataChannelClose)
  dataChannel.addEventListener('error', onDataChannelError)
  pc.addEventListener('connectionstatechange', onConnectionState)

  const write = (message: Uint8Array): void => {
    try {
      peer.send(message)
    } catch (error) {
      // E.g. Chromium's "send queue is full": the channel is unusable, so close it loudly.
      peer.destroy(error instanceof Error ? error : new Error(String(error)))
    }
  }
  /** Hands the outbox to the data channel as one message (a lone frame as itself). */
  const flushOutbox = (): void => {
    const frames = outbox
    const bytes = outboxBytes
    outbox = []
    outboxBytes = 0
    if (closed || frames.length === 0) {
      return
    }
    if (frames.length === 1) {
      write(frames[0] as Uint8Array)
    } else {
      // RTCDataChannel.send copies the bytes before it returns, so one buffer serves every
      // packed message: a fresh 192 KiB buffer per message cost the seeder's main thread its
      // zero-fill and page faults, once per three blocks.
      packBuffer ??= new Uint8Array(MAX_MESSAGE_BYTES)
      const message =
        bytes <= packBuffer.length ? packBuffer.subarray(0, bytes) : new Uint8Array(bytes)
      let at = 0
      for (const frame of frames) {
        message.set(frame, at)
        at += frame.length
      }
      write(message)
    }
    pollForDrain()
  }
  const flushLater = (): void => {
    flushScheduled = false
    flushOutbox()
  }

  const subscribe = <T>(set: Set<T>, listener: T): Unsubscribe => {
    set.add(listener)
    return () => {
      set.delete(listener)
    }
  }

  /** Queues one frame, given whole or as parts (which stay together in one message). */
  const queue = (parts: readonly Uint8Array[], frameBytes: number): void => {
    if (closed) {
      logger.debug('webrtc: send on a closed channel ignored')
      return
    }
    if (outboxBytes + frameBytes > MAX_MESSAGE_BYTES) {
      flushOutbox()
    }
    for (const part of parts) {
      outbox.push(part)
    }
    outboxBytes += frameBytes
    if (!flushScheduled) {
      flushScheduled = true
      scheduleFlush(flushLater)
    }
  }

  return {
    send: (bytes) => queue([bytes], bytes.length),
    sendParts(parts) {
      let frameBytes = 0
      for (const part of parts) {
        frameBytes += part.length
      }
      queue(parts, frameBytes)
    },
    get bufferedAmount() {
      return closed ? 0 : dataChannel.bufferedAmount + outboxBytes
    },
    onMessage(listener) {
      const unsubscribe = subscribe(messageListeners, listener)
      if (early.length > 0 && !flushing) {
        flushing = true
        queueMicrotask(flushEarly)
      }
      return unsubscribe
    },
    onDrain: (listener) => subscribe(drainListeners, listener),
    onClose(listener) {
      if (closed) {
        // Late subscribers still hear about the close, once, unless they unsubscribe first.
        let subscribed = true
        const reason = closeReason
        queueMicrotask(() => {
          if (subscribed) {
            listener(reason)
          }
        })
        return () => {
          subscribed = false
        }
      }
      return subscribe(closeListeners, listener)
    },
    close() {
      // What the engine sent just before closing (a last have, a cancel) still goes out.
      flushOutbox()
      peer.destroy()
    },
    route: () => watch.route(),
    fingerprints: () => fingerprints,
    restartIce: () => watch.restartIce(),
  }
}
