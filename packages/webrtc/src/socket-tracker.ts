import type { AnnounceResponse, SwarmSize, TrackerClient, TrackerStatus } from '@swarmdrop/engine'
import {
  type Logger,
  type PeerId,
  SILENT_LOGGER,
  type SwarmId,
  type Unsubscribe,
  isPeerId,
  isSwarmId,
} from '@swarmdrop/protocol'
import type {
  ClientToServerEvents,
  RelayedSignal,
  ServerToClientEvents,
  SwarmSizePayload,
  TrackerErrorCode,
} from '@swarmdrop/signaling'
import { type ManagerOptions, type Socket, type SocketOptions, io } from 'socket.io-client'

import type { SignalRelay } from './webrtc-transport.ts'

/** First reconnection delay; doubles per failed attempt (SPEC TR-11)... */
export const TRACKER_RECONNECT_DELAY_MS = 1_000
/** ...up to this cap, so a tracker back after an outage is found within seconds. */
export const TRACKER_RECONNECT_DELAY_MAX_MS = 10_000
/** An announce unanswered this long is failed; the engine retries on its own schedule. */
export const TRACKER_REQUEST_TIMEOUT_MS = 10_000

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
}

/** The engine's TrackerClient over Socket.IO, plus the signal relay the transport uses. */
export interface SocketTracker extends TrackerClient, SignalRelay {
  /** Our peer id from the last announce ack; null before it and after a disconnect. */
  selfId(): PeerId | null
  status(): TrackerStatus
  /** Disconnects for good (no reconnection). */
  close(): void
}

type TrackerSocket = Socket<ServerToClientEvents, ClientToServerEvents>

/**
 * Connects to the tracker and keeps reconnecting with capped exponential back-off (SPEC TR-11).
 *
 * This tracks: 1. the connection status reported to onStatus; 2. our current peer id, which the
 * tracker assigns per connection (SPEC TR-1), so a reconnect forgets it until the engine
 * re-announces; 3. status subscribers.
 */
export function createSocketTracker(options: SocketTrackerOptions = {}): SocketTracker {
  const logger = options.logger ?? SILENT_LOGGER
  const requestTimeoutMs = options.requestTimeoutMs ?? TRACKER_REQUEST_TIMEOUT_MS
  const socketOptions: Partial<ManagerOptions & SocketOptions> = {
    reconnection: true,
    reconnectionDelay: TRACKER_RECONNECT_DELAY_MS,
    reconnectionDelayMax: TRACKER_RECONNECT_DELAY_MAX_MS,
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
        socket.timeout(requestTimeoutMs).emit('announce', request, (error, ack) => {
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

    onSwarmSize(callback: (swarmId: SwarmId, size: SwarmSize) => void) {
      const handler = ({ swarmId, seeders, leechers }: SwarmSizePayload): void => {
        if (isSwarmId(swarmId) && Number.isInteger(seeders) && Number.isInteger(leechers)) {
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
        if (isSwarmId(swarmId) && isPeerId(from)) {
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
      statusListeners.clear()
      socket.disconnect()
    },
  }
}
