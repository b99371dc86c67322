import { type Channel, DialError, type Transport } from '@swarmdrop/engine'
import {
  type Clock,
  type DiscoveryId,
  type Logger,
  type PeerId,
  SILENT_LOGGER,
  type Unsubscribe,
} from '@swarmdrop/protocol'
import { SimplePeerFlavour } from '#simple-peer'

import {
  type IceSettingsProvider,
  type IceSettingsRefresher,
  NO_ICE_SERVERS,
} from './ice-settings.ts'
import { createPeerChannel } from './peer-channel.ts'
import { systemClock } from './runtime.ts'
import type { SimplePeerInstance } from './simple-peer-types.ts'
import { type TransportSignal, isOffer, parseTransportSignal } from './transport-signal.ts'

/** How long a dial may take before it is abandoned (ICE on a LAN takes well under a second). */
export const DEFAULT_CONNECT_TIMEOUT_MS = 15_000

/** The slice of the tracker client the transport needs: our id and a signal relay. */
export interface SignalRelay {
  /** Our tracker-assigned peer id; null before the first announce (or after a disconnect). */
  selfId(): PeerId | null
  /**
   * Relays `data` to `to`. `onRefused` hears the tracker's code when it would not relay (the
   * peer left the swarm, rate limits), so a dial fails at once instead of timing out.
   */
  sendSignal(
    swarmId: DiscoveryId,
    to: PeerId,
    data: unknown,
    onRefused?: (code: string) => void,
  ): void
  onSignal(callback: (swarmId: DiscoveryId, from: PeerId, data: unknown) => void): Unsubscribe
}

export interface WebRtcTransportOptions {
  readonly signals: SignalRelay
  /** A WebRTC implementation for Node (`@roamhq/wrtc`); browsers use their own. */
  readonly wrtc?: object
  readonly connectTimeoutMs?: number
  /**
   * The ICE settings for a new connection, read at each one so renewed TURN credentials and a
   * changed relay-only choice apply (SPEC NET-2). No ICE servers by default: hermetic, host
   * candidates only (STYLE §7).
   */
  readonly iceConfig?: IceSettingsProvider
  /** Fresh settings (new TURN credentials) before an ICE restart (SPEC NET-3). */
  readonly refreshIceConfig?: IceSettingsRefresher
  readonly logger?: Logger
  readonly clock?: Clock
}

/** A Transport that also owns every peer connection it made, so it can tear them all down. */
export interface WebRtcTransport extends Transport {
  /** Closes every channel and pending dial, and stops listening for signals. */
  destroy(): void
}

interface Deferred {
  readonly promise: Promise<Channel>
  resolve(channel: Channel): void
  reject(error: Error): void
}

function deferred(): Deferred {
  let resolve!: (channel: Channel) => void
  let reject!: (error: Error) => void
  const promise = new Promise<Channel>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

/** simple-peer's own error codes, as far as they tell a dial's failure apart (SPEC NET-5). */
function dialErrorOf(error: Error): DialError {
  const code = (error as { code?: unknown }).code
  const ice = code === 'ERR_ICE_CONNECTION_FAILURE' || code === 'ERR_CONNECTION_FAILURE'
  const dial = new DialError(ice ? 'ERR_ICE_FAILED' : 'ERR_DIAL_OTHER', `WebRTC: ${error.message}`)
  dial.cause = error
  return dial
}

/** A connection being set up with one peer in one swarm. */
interface Attempt {
  readonly swarmId: DiscoveryId
  readonly remote: PeerId
  /** Null while we wait for the offer our dial-request asked for. */
  peer: SimplePeerInstance | null
  /** Our own dial() waiting on this connection; null when the remote asked for it (incoming). */
  dial: Deferred | null
  /** Any signal arrived from the remote: a timeout then means ICE failed to connect, not silence. */
  heard: boolean
  readonly cancelTimeout: Unsubscribe
}

/**
 * Opens data channels with simple-peer, signalling through the tracker (SPEC TR-5, TR-7).
 *
 * This tracks: 1. attempts in progress, keyed by (swarm, remote peer); 2. open connections under
 * the same key; 3. onIncoming subscribers.
 *
 * TR-7 (no glare): only the smaller peer id creates the offer. `dial()` towards a larger id
 * starts an initiator peer; towards a smaller id it sends `{kind:'dial-request'}` and waits for
 * the offer. When that offer arrives, the connection resolves the pending `dial()`; it does not
 * fire onIncoming. On the smaller side, a connection it started because of a dial-request is
 * one the remote asked for, so it surfaces there through onIncoming. If both sides dial at
 * once, the smaller one's offer satisfies both dials: one connection, two resolved promises.
 */
export function createWebRtcTransport(options: WebRtcTransportOptions): WebRtcTransport {
  const { signals, wrtc } = options
  const logger = options.logger ?? SILENT_LOGGER
  const clock = options.clock ?? systemClock
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS
  const iceConfig = options.iceConfig ?? (() => NO_ICE_SERVERS)
  const { refreshIceConfig } = options

  const attempts = new Map<string, Attempt>()
  const open = new Map<string, SimplePeerInstance>()
  const incomingListeners = new Set<
    (swarmId: DiscoveryId, peer: PeerId, channel: Channel) => void
  >()
  const keyOf = (swarmId: DiscoveryId, remote: PeerId): string => `${swarmId}:${remote}`
  const send = (swarmId: DiscoveryId, remote: PeerId, signal: TransportSignal): void => {
    signals.sendSignal(swarmId, remote, signal, (code) => {
      const key = keyOf(swarmId, remote)
      const attempt = attempts.get(key)
      if (attempt) {
        // The peer left (or we did): unreachable. Anything else (a rate limit, our own socket
        // down) also loses this signal, so the dial is over, but not because of the peer.
        const gone = code === 'ERR_UNKNOWN_PEER' || code === 'ERR_NOT_MEMBER'
        fail(
          key,
          attempt,
          new DialError(
            gone ? 'ERR_PEER_UNREACHABLE' : 'ERR_DIAL_OTHER',
            `tracker would not relay to peer ${remote} (${code})`,
          ),
        )
      }
    })
  }

  const fail = (key: string, attempt: Attempt, error: Error): void => {
    if (attempts.get(key) !== attempt) {
      return
    }
    attempts.delete(key)
    attempt.cancelTimeout()
    attempt.peer?.destroy()
    if (attempt.dial) {
      attempt.dial.reject(error)
    } else {
      logger.debug('webrtc: incoming connection failed', { peer: attempt.remote, error })
    }
  }

  const newAttempt = (swarmId: DiscoveryId, remote: PeerId, dial: Deferred | null): Attempt => {
    const key = keyOf(swarmId, remote)
    const attempt: Attempt = {
      swarmId,
      remote,
      peer: null,
      dial,
      heard: false,
      cancelTimeout: clock.setTimeout(() => {
        fail(
          key,
          attempt,
          attempt.heard
            ? new DialError(
                'ERR_DIAL_TIMEOUT',
                `WebRTC connection to peer ${remote} timed out after ${connectTimeoutMs} ms`,
              )
            : new DialError(
                'ERR_PEER_UNREACHABLE',
                `peer ${remote} did not answer within ${connectTimeoutMs} ms`,
              ),
        )
      }, connectTimeoutMs),
    }
    attempts.set(key, attempt)
    return attempt
  }

  const connected = (
    key: string,
    attempt: Attempt,
    peer: SimplePeerInstance,
    initiator: boolean,
  ): void => {
    attempts.delete(key)
    attempt.cancelTimeout()
    const channel = createPeerChannel(peer, { clock, logger, initiator, refreshIceConfig })
    open.set(key, peer)
    channel.onClose(() => {
      if (open.get(key) === peer) {
        open.delete(key)
      }
    })
    if (attempt.dial) {
      attempt.dial.resolve(channel)
    } else {
      for (const listener of incomingListeners) {
        listener(attempt.swarmId, attempt.remote, channel)
      }
    }
  }

  const startPeer = (attempt: Attempt, initiator: boolean): SimplePeerInstance => {
    const key = keyOf(attempt.swarmId, attempt.remote)
    const { iceServers, iceTransportPolicy } = iceConfig()
    const peer = new SimplePeerFlavour({
      initiator,
      config: { iceServers, iceTransportPolicy },
      objectMode: true,
      ...(wrtc === undefined ? {} : { wrtc }),
    })
    attempt.peer = peer
    let isOpen = false
    peer.on('signal', (data) =>
      // Signals of an open connection are an ICE restart's (or late candidates): the remote
      // must not take their offer for a fresh start (SPEC NET-3).
      send(attempt.swarmId, attempt.remote, { kind: isOpen ? 'renegotiate' : 'signal', data }),
    )
    peer.on('error', (error) => fail(key, attempt, dialErrorOf(error)))
    peer.on('close', () =>
      fail(
        key,
        attempt,
        new DialError('ERR_DIAL_CLOSED', 'WebRTC connection closed while opening'),
      ),
    )
    peer.on('connect', () => {
      if (attempts.get(key) === attempt) {
        isOpen = true
        connected(key, attempt, peer, initiator)
      }
    })
    return peer
  }

  /** Hands a remote's signal to its connection. */
  const signalPeer = (peer: SimplePeerInstance, from: PeerId, data: object): void => {
    try {
      peer.signal(data)
    } catch (error) {
      // WebRTC implementations may throw on an unparsable SDP or candidate.
      logger.warn('webrtc: malformed signal ignored', { from, error })
    }
  }

  const handleDialRequest = (swarmId: DiscoveryId, from: PeerId, self: PeerId): void => {
    if (!(self < from)) {
      logger.warn('webrtc: dial-request from a smaller peer id ignored (SPEC TR-7)', { from })
      return
    }
    const key = keyOf(swarmId, from)
    if (attempts.has(key)) {
      // Both sides dialled at once: our offer is already on its way and satisfies their dial.
      return
    }
    // The remote would not ask if it still had our connection: ours is stale, start over.
    open.get(key)?.destroy()
    open.delete(key)
    startPeer(newAttempt(swarmId, from, null), true)
  }

  const handleSignal = (swarmId: DiscoveryId, from: PeerId, data: object, self: PeerId): void => {
    const key = keyOf(swarmId, from)
    const offer = isOffer(data)
    if (offer && !(from < self)) {
      logger.warn('webrtc: offer from a larger peer id ignored (SPEC TR-7)', { from })
      return
    }
    const attempt = attempts.get(key)
    if (attempt) {
      attempt.heard = true
    }
    let peer = attempt?.peer ?? open.get(key)
    if (offer && !attempt?.peer) {
      // A fresh offer means the remote started over; a connection we hold is stale.
      open.get(key)?.destroy()
      open.delete(key)
      peer = startPeer(attempt ?? newAttempt(swarmId, from, null), false)
    }
    if (!peer) {
      logger.debug('webrtc: signal for no connection ignored', { from })
      return
    }
    signalPeer(peer, from, data)
  }

  /** An open connection's own signalling (SPEC NET-3): never starts or replaces a connection. */
  const handleRenegotiation = (swarmId: DiscoveryId, from: PeerId, data: object): void => {
    const key = keyOf(swarmId, from)
    // The remote may be open a moment before us: its late candidates reach our attempt.
    const peer = attempts.get(key)?.peer ?? open.get(key)
    if (!peer) {
      logger.debug('webrtc: renegotiation for no connection ignored', { from })
      return
    }
    signalPeer(peer, from, data)
  }

  const unsubscribeSignals = signals.onSignal((swarmId, from, payload) => {
    const self = signals.selfId()
    const signal = parseTransportSignal(payload)
    if (self === null || signal === null) {
      logger.warn('webrtc: malformed or unexpected signal ignored', { from })
      return
    }
    if (signal.kind === 'dial-request') {
      handleDialRequest(swarmId, from, self)
    } else if (signal.kind === 'renegotiate') {
      handleRenegotiation(swarmId, from, signal.data)
    } else {
      handleSignal(swarmId, from, signal.data, self)
    }
  })

  return {
    dial(swarmId, remote) {
      const self = signals.selfId()
      if (self === null) {
        return Promise.reject(
          new DialError('ERR_DIAL_OTHER', 'cannot dial before the tracker has assigned a peer id'),
        )
      }
      if (remote === self) {
        return Promise.reject(new DialError('ERR_DIAL_OTHER', 'cannot dial ourselves'))
      }
      const key = keyOf(swarmId, remote)
      if (open.has(key)) {
        return Promise.reject(
          new DialError('ERR_DIAL_OTHER', `already connected to peer ${remote} in this swarm`),
        )
      }
      const existing = attempts.get(key)
      if (existing) {
        // The remote is already connecting to us: take that connection as our dial's result.
        existing.dial ??= deferred()
        return existing.dial.promise
      }
      const attempt = newAttempt(swarmId, remote, deferred())
      if (self < remote) {
        startPeer(attempt, true)
      } else {
        send(swarmId, remote, { kind: 'dial-request' })
      }
      return (attempt.dial as Deferred).promise
    },

    onIncoming(listener) {
      incomingListeners.add(listener)
      return () => {
        incomingListeners.delete(listener)
      }
    },

    destroy() {
      unsubscribeSignals()
      incomingListeners.clear()
      for (const [key, attempt] of [...attempts]) {
        fail(key, attempt, new DialError('ERR_DIAL_CLOSED', 'WebRTC transport destroyed'))
      }
      for (const peer of open.values()) {
        peer.destroy()
      }
      open.clear()
    },
  }
}
