import type { AnnounceResponse, SwarmSize, TrackerClient, TrackerStatus } from '@swarmdrop/engine'
import {
  type Clock,
  type DiscoveryId,
  type Logger,
  type PeerId,
  SILENT_LOGGER,
  type Unsubscribe,
  isDiscoveryId,
  isPeerId,
  toBase64Url,
} from '@swarmdrop/protocol'
import {
  type ClientToServerEvents,
  type IceConfigPayload,
  type RelayedSignal,
  type ServerToClientEvents,
  type SwarmSizePayload,
  type TrackerErrorCode,
  parseIceConfig,
} from '@swarmdrop/signaling'
import { type ManagerOptions, type Socket, type SocketOptions, io } from 'socket.io-client'

import { systemClock } from './runtime.ts'
import type { SignalRelay } from './webrtc-transport.ts'

/** First reconnection delay; doubles per failed attempt (SPEC TR-11)... */
export const TRACKER_RECONNECT_DELAY_MS = 1_000
/** ...up to this cap, so a tracker back after an outage is found within seconds. */
export const TRACKER_RECONNECT_DELAY_MAX_MS = 10_000
/** An announce unanswered this long is failed; the engine retries on its own schedule. */
export const TRACKER_REQUEST_TIMEOUT_MS = 10_000

/**
 * SPEC IC-5: credentials are renewed when this fraction of their remaining lifetime has passed,
 * leaving a fifth of it (hours, with the default day) for a slow or failed renewal to be retried.
 */
export const ICE_RENEW_FRACTION = 0.8
/** A renewal never comes sooner than this, whatever the expiry (or the clocks' skew) says. */
export const ICE_RENEW_MIN_DELAY_MS = 1_000
/** After a failed renewal (timeout, rate limit), the next try; a reconnect brings fresh ones anyway. */
export const ICE_RENEW_RETRY_MS = 30_000
/** setTimeout's largest delay: a larger one fires at once, so a far expiry is clamped to it. */
const MAX_TIMER_MS = 2_147_483_647

/** Why a tracker request failed: the tracker's own codes, or the client's. */
export type TrackerClientErrorCode =
  TrackerErrorCode | 'ERR_TRACKER_UNREACHABLE' | 'ERR_TRACKER_TIMEOUT' | 'ERR_TRACKER_REPLY'

/** A failed tracker request; match on `code`. */
export class TrackerClientError extends Error {
  readonly code: TrackerClientErrorCode

  constructor(code: TrackerClientErrorCode, message: string) {
    super(message)
    this.name = 'TrackerClientError'
    this.code = code
  }
}

export interface SocketTrackerOptions {
  /** The tracker's origin; undefined means the page's own origin (the production layout). */
  readonly url?: string
  /** Passed to socket.io-client over our defaults (reconnection back-off, transports). */
  readonly socketOptions?: Partial<ManagerOptions & SocketOptions>
  readonly logger?: Logger
  readonly requestTimeoutMs?: number
  /** Schedules credential renewal (SPEC IC-5); the system clock by default. */
  readonly clock?: Clock
  /** Wall-clock unix ms, to read the tracker's `expiresAt`; Date.now by default. */
  readonly now?: () => number
}

/** The engine's TrackerClient over Socket.IO, plus the signal relay the transport uses. */
export interface SocketTracker extends TrackerClient, SignalRelay {
  /** Our peer id from the last announce ack; null before it and after a disconnect. */
  selfId(): PeerId | null
  status(): TrackerStatus
  /** The tracker's latest ICE configuration (SPEC IC-1); null before the first arrives. */
  iceConfig(): IceConfigPayload | null
  /** Called with every new ICE configuration: on each connection, and each renewal. */
  onIceConfig(callback: (config: IceConfigPayload) => void): Unsubscribe
  /**
   * Asks the tracker for freshly minted credentials now (SPEC IC-5), e.g. before an ICE restart;
   * calls made while one is under way share its answer.
   */
  refreshIceConfig(): Promise<IceConfigPayload>
  /** Disconnects for good (no reconnection). */
  close(): void
}

type TrackerSocket = Socket<ServerToClientEvents, ClientToServerEvents>

/**
 * Connects to the tracker and keeps reconnecting with capped exponential back-off (SPEC TR-11).
 *
 * This tracks: 1. the connection status reported to onStatus; 2. our current peer id, which the
 * tracker derives from our identity secret (SPEC TR-1); a reconnect forgets it until the engine
 * re-announces, and the announce brings back the same one; 3. status subscribers; 4. the latest
 * ICE configuration, its renewal timer and a renewal request in flight (SPEC IC-1, IC-5), and its
 * subscribers.
 */
export function createSocketTracker(options: SocketTrackerOptions = {}): SocketTracker {
  const logger = options.logger ?? SILENT_LOGGER
  const requestTimeoutMs = options.requestTimeoutMs ?? TRACKER_REQUEST_TIMEOUT_MS
  const clock = options.clock ?? systemClock
  const now = options.now ?? Date.now
  const socketOptions: Partial<ManagerOptions & SocketOptions> = {
    reconnection: true,
    reconnectionDelay: TRACKER_RECONNECT_DELAY_MS,
    reconnectionDelayMax: TRACKER_RECONNECT_DELAY_MAX_MS,
    // WebSocket first: the default opens with HTTP long-polling and upgrades, two or three round
    // trips before the announce that a page joining by link waits for. Polling stays the fallback
    // where a WebSocket cannot open (a proxy that strips the upgrade).
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    // SPEC TR-1: the secret our peer id is derived from, sent on every (re)connection, so we keep
    // our id after a dropped network or a tracker restart and neighbours still connected to us
    // are not dialled a second time under a new one. It lives as long as this client.
    auth: { identity: toBase64Url(globalThis.crypto.getRandomValues(new Uint8Array(32))) },
    ...options.socketOptions,
  }
  const socket: TrackerSocket =
    options.url === undefined ? io(socketOptions) : io(options.url, socketOptions)

  let status: TrackerStatus = 'connecting'
  let self: PeerId | null = null
  let closed = false
  const statusListeners = new Set<(status: TrackerStatus) => void>()
  const setStatus = (next: TrackerStatus): void => {
    if (next === status || closed) {
      return
    }
    status = next
    for (const listener of statusListeners) {
      listener(next)
    }
  }

  let ice: IceConfigPayload | null = null
  let cancelRenewal: Unsubscribe | null = null
  let refreshing: Promise<IceConfigPayload> | null = null
  const iceListeners = new Set<(config: IceConfigPayload) => void>()

  const renewIn = (delayMs: number): void => {
    cancelRenewal?.()
    cancelRenewal = clock.setTimeout(
      () => {
        cancelRenewal = null
        // Disconnected: the next connection's config (SPEC IC-1) carries fresh credentials.
        if (!socket.connected || closed) {
          return
        }
        refreshIceConfig().catch((error: unknown) => {
          logger.warn('tracker: ICE credential renewal failed, retrying', {
            error: String(error),
          })
          renewIn(ICE_RENEW_RETRY_MS)
        })
      },
      Math.min(MAX_TIMER_MS, delayMs),
    )
  }

  const acceptIce = (config: IceConfigPayload): void => {
    ice = config
    cancelRenewal?.()
    cancelRenewal = null
    if (config.expiresAt !== null) {
      const remainingMs = config.expiresAt - now()
      renewIn(Math.max(ICE_RENEW_MIN_DELAY_MS, remainingMs * ICE_RENEW_FRACTION))
    }
    for (const listener of iceListeners) {
      listener(config)
    }
  }

  const refreshIceConfig = (): Promise<IceConfigPayload> => {
    if (closed || !socket.connected) {
      return Promise.reject(
        new TrackerClientError('ERR_TRACKER_UNREACHABLE', 'tracker unreachable: not connected'),
      )
    }
    refreshing ??= new Promise<IceConfigPayload>((resolve, reject) => {
      socket.timeout(requestTimeoutMs).emit('ice-config', (error, reply) => {
        refreshing = null
        if (error) {
          reject(
            new TrackerClientError(
              'ERR_TRACKER_TIMEOUT',
              `tracker did not answer the ice-config request within ${requestTimeoutMs} ms`,
            ),
          )
          return
        }
        if (typeof reply === 'object' && reply !== null && 'ok' in reply && !reply.ok) {
          reject(new TrackerClientError(reply.code, `tracker refused ice-config: ${reply.message}`))
          return
        }
        const parsed = parseIceConfig(reply)
        if (!parsed.ok) {
          logger.warn('tracker: malformed ice-config reply ignored', { reason: parsed.message })
          reject(new TrackerClientError('ERR_TRACKER_REPLY', 'tracker sent a malformed ice-config'))
          return
        }
        acceptIce(parsed.value)
        resolve(parsed.value)
      })
    })
    return refreshing
  }

  // SPEC IC-8: a config RTCPeerConnection would throw on never replaces a good one.
  socket.on('ice-config', (payload: unknown) => {
    const parsed = parseIceConfig(payload)
    if (parsed.ok) {
      acceptIce(parsed.value)
    } else {
      logger.warn('tracker: malformed ice-config ignored', { reason: parsed.message })
    }
  })

  socket.on('connect', () => setStatus('connected'))
  socket.on('connect_error', (error) => {
    logger.debug('tracker: connection failed, retrying', { error: error.message })
    setStatus('reconnecting')
  })
  socket.on('disconnect', (reason) => {
    self = null
    if (closed) {
      return
    }
    logger.debug('tracker: disconnected', { reason })
    setStatus('reconnecting')
    if (reason === 'io server disconnect') {
      // Socket.IO leaves a server-side disconnect alone; we still want the tracker back.
      socket.connect()
    }
  })

  /** Resolves once connected, or after requestTimeoutMs (the caller then finds it unreachable). */
  const firstConnection = (): Promise<void> =>
    new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer)
        socket.off('connect', done)
        socket.off('connect_error', done)
        resolve()
      }
      const timer = setTimeout(done, requestTimeoutMs)
      socket.once('connect', done)
      socket.once('connect_error', done)
    })

  const subscribe = <T>(listener: T, set: Set<T>): Unsubscribe => {
    set.add(listener)
    return () => {
      set.delete(listener)
    }
  }

  return {
    async announce(request) {
      if (!socket.connected && status === 'connecting') {
        // The page's first announce races the socket's first connection; that is not an outage.
        await firstConnection()
      }
      if (!socket.connected) {
        throw new TrackerClientError(
          'ERR_TRACKER_UNREACHABLE',
          'tracker unreachable: not connected',
        )
      }
      return new Promise<AnnounceResponse>((resolve, reject) => {
        // The payload field keeps its name; what it carries is the discovery id (SPEC PL-2).
        const payload = {
          swarmId: request.discoveryId,
          seeding: request.seeding,
          numWant: request.numWant,
        }
        socket.timeout(requestTimeoutMs).emit('announce', payload, (error, ack) => {
          if (error) {
            reject(
              new TrackerClientError(
                'ERR_TRACKER_TIMEOUT',
                `tracker did not answer the announce within ${requestTimeoutMs} ms`,
              ),
            )
          } else if (!ack.ok) {
            reject(new TrackerClientError(ack.code, `tracker refused the announce: ${ack.message}`))
          } else if (!isPeerId(ack.peerId) || !Array.isArray(ack.peers)) {
            reject(new TrackerClientError('ERR_TRACKER_REPLY', 'tracker sent a malformed ack'))
          } else {
            self = ack.peerId
            resolve({
              peerId: ack.peerId,
              peers: ack.peers.filter(isPeerId),
              seeders: ack.seeders,
              leechers: ack.leechers,
              intervalMs: ack.intervalMs,
            })
          }
        })
      })
    },

    leave(swarmId) {
      // A disconnected socket has already left every swarm (SPEC TR-9).
      if (socket.connected) {
        socket.emit('leave', { swarmId })
      }
    },

    onSwarmSize(callback: (swarmId: DiscoveryId, size: SwarmSize) => void) {
      const handler = ({ swarmId, seeders, leechers }: SwarmSizePayload): void => {
        if (isDiscoveryId(swarmId) && Number.isInteger(seeders) && Number.isInteger(leechers)) {
          callback(swarmId, { seeders, leechers })
        }
      }
      socket.on('swarm-size', handler)
      return () => {
        socket.off('swarm-size', handler)
      }
    },

    onStatus: (callback) => subscribe(callback, statusListeners),

    status: () => status,

    selfId: () => self,

    iceConfig: () => ice,

    onIceConfig: (callback) => subscribe(callback, iceListeners),

    refreshIceConfig,

    sendSignal(swarmId, to, data, onRefused) {
      // Socket.IO would buffer it until reconnection, when our id has changed and the
      // target may be gone; the engine redials instead.
      if (!socket.connected) {
        logger.debug('tracker: signal dropped while disconnected', { to })
        onRefused?.('ERR_TRACKER_UNREACHABLE')
        return
      }
      socket.emit('signal', { swarmId, to, data }, (reply) => {
        if (!reply.ok) {
          logger.debug('tracker: signal refused', { to, code: reply.code })
          onRefused?.(reply.code)
        }
      })
    },

    onSignal(callback) {
      const handler = ({ swarmId, from, data }: RelayedSignal): void => {
        if (isDiscoveryId(swarmId) && isPeerId(from)) {
          callback(swarmId, from, data)
        } else {
          logger.warn('tracker: malformed relayed signal ignored')
        }
      }
      socket.on('signal', handler)
      return () => {
        socket.off('signal', handler)
      }
    },

    close() {
      closed = true
      cancelRenewal?.()
      cancelRenewal = null
      statusListeners.clear()
      iceListeners.clear()
      socket.disconnect()
    },
  }
}
