/**
 * Binds one Socket.IO connection's events to the swarm store, the limits and the metrics. Policy
 * lives in the validators (signaling), the store and the limiters; this file applies their answers.
 *
 * This tracks, per socket (in `socket.data`): 1. its server-assigned peer id (SPEC TR-1); 2. the
 * swarms it is in, for the per-socket cap (TR-13) and the sender check of a signal (TR-5).
 */
import type { DiscoveryId, PeerId } from '@swarmdrop/protocol'
import {
  type AnnounceAck,
  type ClientToServerEvents,
  type IceConfigAck,
  type IceConfigPayload,
  type RelayedSignal,
  type ServerToClientEvents,
  type SignalAck,
  type TrackerErrorCode,
  parseAnnounce,
  parseLeave,
  parseSignal,
} from '@swarmdrop/signaling'
import type { Logger } from 'pino'
import type { Server, Socket } from 'socket.io'

import type { LimitedEvent, SocketRateLimits, TrackerLimits } from './limits.ts'
import type { RejectReason, TrackerMetrics } from './metrics.ts'
import type { SwarmStore } from './swarm-store.ts'

export interface SocketData {
  peerId: PeerId
  swarms: Set<DiscoveryId>
}

export type TrackerIo = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>
export type TrackerSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>

/** What every connection's handlers share. */
export interface HandlerContext {
  readonly io: TrackerIo
  readonly store: SwarmStore
  readonly limits: TrackerLimits
  readonly rates: SocketRateLimits
  readonly metrics: TrackerMetrics
  readonly log: Logger
  readonly intervalMs: number
  /** This process' sockets by peer id. */
  readonly localSockets: Map<PeerId, TrackerSocket>
  /** True when other processes share the store (Redis): a target may live elsewhere. */
  readonly shared: boolean
  /** This peer's ICE configuration, credentials minted now (SPEC IC-1, IC-3). */
  readonly iceConfig: (peerId: PeerId) => IceConfigPayload
  /** Test only (TrackerServerOptions.interceptSignal); undefined in production. */
  readonly interceptSignal: SignalInterceptor | undefined
}

/** A signal on its way, with its target. */
export interface RoutedSignal extends RelayedSignal {
  readonly to: PeerId
}

/** Test only: sees a signal in place of its delivery; `deliver` relays any signal. */
export type SignalInterceptor = (
  signal: RoutedSignal,
  deliver: (signal: RoutedSignal) => void,
) => void

const KNOWN_EVENTS = new Set(['announce', 'signal', 'leave', 'ice-config'])

/** The room of a swarm's members, for size pushes (SPEC TR-8). */
export const swarmRoom = (swarmId: DiscoveryId): string => `swarm:${swarmId}`
/** The room of one peer, so a signal reaches it on whichever process holds its socket. */
export const peerRoom = (peerId: PeerId): string => `peer:${peerId}`

const ERROR_CODES: Readonly<Record<RejectReason, TrackerErrorCode>> = {
  'invalid-payload': 'ERR_INVALID_PAYLOAD',
  'not-member': 'ERR_NOT_MEMBER',
  'unknown-peer': 'ERR_UNKNOWN_PEER',
  'rate-limited': 'ERR_RATE_LIMITED',
  'swarm-full': 'ERR_SWARM_FULL',
  'too-many-swarms': 'ERR_TOO_MANY_SWARMS',
  'unknown-event': 'ERR_INVALID_PAYLOAD',
  origin: 'ERR_INVALID_PAYLOAD',
  internal: 'ERR_INTERNAL',
}

/** Wires a freshly connected socket (SPEC TR-1…TR-14). */
export function bindSocket(socket: TrackerSocket, peerId: PeerId, ctx: HandlerContext): void {
  const { store, limits, rates, metrics, io } = ctx
  const log = ctx.log.child({ peerId })
  socket.data.peerId = peerId
  socket.data.swarms = new Set()
  ctx.localSockets.set(peerId, socket)
  // SPEC IC-1: before anything else, so a page has its ICE servers before its first dial.
  // Minting is local to this process (the secret is in every process' environment), so this
  // holds with Redis too.
  socket.emit('ice-config', ctx.iceConfig(peerId))
  if (ctx.shared) {
    void socket.join(peerRoom(peerId))
  }

  // Without a listener Socket.IO rethrows a socket's 'error' (e.g. an undecodable packet).
  socket.on('error', (error) => log.warn({ err: error }, 'socket error'))

  /** Refuses an event: counts it and acks an error when the client asked for an answer. */
  const reject = (event: string, ack: unknown, reason: RejectReason, message: string): void => {
    metrics.rejected(event, reason)
    log.debug({ event, reason, message }, 'event rejected')
    reply(ack, { ok: false, code: ERROR_CODES[reason], message })
  }

  /** Applies a rate verdict; false when the event must not proceed. */
  const admit = async (event: LimitedEvent, ack: unknown): Promise<boolean> => {
    const verdict = await rates.consume(event, peerId)
    if (verdict === 'allow') {
      return true
    }
    reject(event, ack, 'rate-limited', `too many ${event}s; slow down`)
    if (verdict === 'disconnect' && socket.connected) {
      // SPEC TR-14: a socket that keeps flooding after being refused is cut off.
      metrics.floodDisconnects.inc()
      log.warn({ event }, 'flooding: disconnecting')
      socket.disconnect(true)
    }
    return false
  }

  const pushSwarmSize = async (swarmId: DiscoveryId): Promise<void> => {
    const counts = await store.counts(swarmId)
    if (counts.seeders + counts.leechers > 0) {
      io.to(swarmRoom(swarmId)).emit('swarm-size', { swarmId, ...counts })
    }
  }

  /** SPEC TR-10: a handler never throws into Socket.IO, whatever a client sent or Redis did. */
  const guarded =
    (event: string, handler: (payload: unknown, ack: unknown) => Promise<void>) =>
    (payload: unknown, ack: unknown): void => {
      handler(payload, ack).catch((error: unknown) => {
        log.error({ err: error, event }, 'handler failed')
        reject(event, ack, 'internal', 'the tracker could not answer; try again later')
      })
    }

  socket.on(
    'announce',
    guarded('announce', async (payload, ack) => {
      const parsed = parseAnnounce(payload)
      if (!parsed.ok) {
        return reject('announce', ack, 'invalid-payload', parsed.message)
      }
      const { swarmId, seeding, numWant } = parsed.value
      if (!(await admit('announce', ack))) {
        return
      }
      const joining = !socket.data.swarms.has(swarmId)
      if (joining && socket.data.swarms.size >= limits.maxSwarmsPerSocket) {
        return reject(
          'announce',
          ack,
          'too-many-swarms',
          `at most ${limits.maxSwarmsPerSocket} swarms per connection`,
        )
      }
      if (joining && !(await admit('join', ack))) {
        return
      }
      if (!socket.connected) {
        return
      }
      const result = await store.announce(peerId, swarmId, seeding, numWant)
      if ('full' in result) {
        return reject(
          'announce',
          ack,
          'swarm-full',
          `at most ${limits.maxPeersPerSwarm} peers per swarm`,
        )
      }
      if (!socket.connected) {
        // The disconnect's leaveAll ran while the store was answering: undo this late join.
        await store.leave(peerId, swarmId)
        return
      }
      socket.data.swarms.add(swarmId)
      void socket.join(swarmRoom(swarmId))
      metrics.announces.inc()
      if (joining) {
        metrics.joins.inc()
      }
      reply<AnnounceAck>(ack, {
        ok: true,
        peerId,
        peers: result.peers,
        seeders: result.seeders,
        leechers: result.leechers,
        intervalMs: ctx.intervalMs,
      })
      if (result.countsChanged) {
        await pushSwarmSize(swarmId)
      }
    }),
  )

  socket.on(
    'signal',
    guarded('signal', async (payload, ack) => {
      const parsed = parseSignal(payload)
      if (!parsed.ok) {
        return reject('signal', ack, 'invalid-payload', parsed.message)
      }
      if (!(await admit('signal', ack))) {
        return
      }
      const { swarmId, to, data } = parsed.value
      if (!socket.data.swarms.has(swarmId)) {
        return reject('signal', ack, 'not-member', 'announce to the swarm first')
      }
      const local = ctx.localSockets.get(to)
      const reachable = to !== peerId && (local !== undefined || ctx.shared)
      if (!reachable || !(await store.isMember(to, swarmId))) {
        return reject('signal', ack, 'unknown-peer', 'no such peer in this swarm')
      }
      // SPEC TR-5: `from` is our record of this socket, never anything the client wrote.
      const routed = { swarmId, from: peerId, to, data }
      if (ctx.interceptSignal === undefined) {
        deliverSignal(ctx, routed)
      } else {
        ctx.interceptSignal(routed, (signal) => deliverSignal(ctx, signal))
      }
      metrics.signalsRelayed.inc()
      reply<SignalAck>(ack, { ok: true })
    }),
  )

  const onLeave = guarded('leave', async (payload, ack) => {
    const parsed = parseLeave(payload)
    if (!parsed.ok) {
      return reject('leave', ack, 'invalid-payload', parsed.message)
    }
    const { swarmId } = parsed.value
    // Only this socket's own membership can go: a leave names no peer (SPEC TR-9).
    if (!socket.data.swarms.delete(swarmId)) {
      return
    }
    void socket.leave(swarmRoom(swarmId))
    if (await store.leave(peerId, swarmId)) {
      await pushSwarmSize(swarmId)
    }
  })
  // `leave` has no ack in the event map; a client-sent one is ignored.
  socket.on('leave', (payload) => onLeave(payload, undefined))

  const onIceConfig = guarded('ice-config', async (_payload, ack) => {
    // Nobody to hand credentials to: a request without an ack costs nothing and gets nothing.
    if (typeof ack !== 'function' || !(await admit('ice-config', ack))) {
      return
    }
    reply<IceConfigAck>(ack, ctx.iceConfig(peerId))
  })
  // The ack is the last argument, whatever a client put before it.
  socket.on('ice-config', (...args: unknown[]) => onIceConfig(undefined, args.at(-1)))

  socket.onAny((event: unknown, ...args: unknown[]) => {
    if (typeof event !== 'string' || !KNOWN_EVENTS.has(event)) {
      reject('unknown', args.at(-1), 'unknown-event', 'no such event')
    }
  })

  socket.on('disconnect', () => {
    socket.data.swarms.clear()
    if (ctx.localSockets.get(peerId) !== socket) {
      // SPEC TR-1: its client came back on a new connection under the same id, which carries on
      // as this peer; leaving its swarms here would take the new connection out of them.
      return
    }
    ctx.localSockets.delete(peerId)
    const departed = async (): Promise<void> => {
      await rates.forget(peerId)
      // SPEC TR-9: all swarms at once; Socket.IO has already taken the socket out of its rooms.
      const left = await store.leaveAll(peerId)
      await Promise.all(left.map(pushSwarmSize))
    }
    departed().catch((error: unknown) => log.error({ err: error }, 'disconnect cleanup failed'))
  })
}

/** Relays a signal to its target's socket, here or (Redis) on whichever process holds it. */
function deliverSignal(ctx: HandlerContext, { to, ...relayed }: RoutedSignal): void {
  const local = ctx.localSockets.get(to)
  if (local !== undefined) {
    local.emit('signal', relayed)
  } else {
    ctx.io.to(peerRoom(to)).emit('signal', relayed)
  }
}

/** Acks when the client asked for one; a missing or non-function ack is simply skipped. */
function reply<T>(ack: unknown, value: T): void {
  if (typeof ack === 'function') {
    ;(ack as (value: T) => void)(value)
  }
}
