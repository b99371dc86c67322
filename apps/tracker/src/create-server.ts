/**
 * The tracker's imperative shell: one node:http server (node:https with `tls`) carrying
 * Socket.IO (the signaling), the web app's static files, /healthz and /metrics. Socket events are bound in socket-handlers.ts;
 * membership lives in a SwarmStore, in memory or, with `redisUrl`, in Redis shared by several
 * processes that relay signals to each other through Socket.IO's Redis adapter (SPEC TR-16).
 */
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo, Server as NetServer } from 'node:net'

import { createAdapter } from '@socket.io/redis-adapter'
import type { PeerId } from '@swarmdrop/protocol'
import {
  type ClientToServerEvents,
  DEFAULT_ANNOUNCE_INTERVAL_MS,
  DEFAULT_MAX_PEERS_PER_ANNOUNCE,
  type ServerToClientEvents,
} from '@swarmdrop/signaling'
import { Redis } from 'ioredis'
import { type Logger, pino } from 'pino'
import { Server } from 'socket.io'

import { nodeHmacSha1 } from './hmac.ts'
import { type IceSettings, NO_ICE_SERVERS, iceConfigFor } from './ice-settings.ts'
import { DEFAULT_LIMITS, SocketRateLimits, type TrackerLimits } from './limits.ts'
import { type TrackerMetrics, createTrackerMetrics } from './metrics.ts'
import { type AllowedOrigins, isOriginAllowed } from './origin.ts'
import { PEER_ID_BYTES, peerIdOfIdentity } from './peer-identity.ts'
import { RedisSwarmStore } from './redis-swarm-store.ts'
import {
  type SignalInterceptor,
  type SocketData,
  type TrackerIo,
  type TrackerSocket,
  bindSocket,
} from './socket-handlers.ts'
import { createStaticHandler, sendText } from './static-files.ts'
import { MemorySwarmStore, type SwarmStore } from './swarm-store.ts'

/** Options of {@link createTrackerServer}; every one has a default. */
export interface TrackerServerOptions {
  /** TCP port; 0 (the default) picks a free one. */
  readonly port?: number
  /** Interface to bind; by default all of them. */
  readonly host?: string
  /** A web build to serve over HTTP; ignored when missing. */
  readonly staticDir?: string
  /** Re-announce interval told to clients (SPEC TR-2). */
  readonly announceIntervalMs?: number
  /** Cap on a peer list (SPEC TR-3). */
  readonly maxPeersPerAnnounce?: number
  /** Per-connection bounds and rates (SPEC TR-13, TR-14); unset fields keep their defaults. */
  readonly limits?: Partial<TrackerLimits>
  /** Pages allowed to connect besides the tracker's own origin, or '*' (SPEC TR-14). */
  readonly allowedOrigins?: AllowedOrigins
  /** Shares swarms with every tracker on this Redis (SPEC TR-16); in memory when unset. */
  readonly redisUrl?: string
  /** How long a Redis membership outlives its process' last heartbeat. */
  readonly membershipTtlMs?: number
  /** Structured logs; silent by default. */
  readonly logger?: Logger
  /** Adds Node's process metrics (CPU, memory, event loop) to /metrics; off for tests. */
  readonly processMetrics?: boolean
  /**
   * ICE servers handed to every page (SPEC IC-1). None by default, so tests and benches stay
   * hermetic (STYLE §7); `npm start` reads them from the environment (SPEC IC-2).
   */
  readonly ice?: IceSettings
  /** Wall-clock unix ms, for minting TURN credentials (SPEC IC-3); Date.now by default. */
  readonly now?: () => number
  /**
   * Sees every Socket.IO event the tracker receives and every one it sends, payloads included
   * (SPEC PL-7): the hostile-tracker test records them all. Unset in production.
   */
  readonly onTraffic?: (direction: 'in' | 'out', event: string, args: readonly unknown[]) => void
  /**
   * Test only: takes every signal the tracker would relay, instead of relaying it, with a
   * `deliver` that relays any signal to any peer of this process. The man-in-the-middle test
   * (e2e/mitm.spec.ts, SPEC PL-4, PL-6) answers offers through it. Unset in production.
   */
  readonly interceptSignal?: SignalInterceptor
  /** PEM certificate chain and private key: serve HTTPS and WSS instead of HTTP and WS. */
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer }
}

/** A listening tracker. */
export interface TrackerServer {
  /** The port actually bound (useful with port 0). */
  readonly port: number
  /** `http(s)://<host>:<port>`, with localhost standing in for a wildcard host. */
  readonly url: string
  readonly metrics: TrackerMetrics
  /**
   * Tells every connected peer the tracker is going away (SPEC TR-15), disconnects it, stops
   * listening and releases the store; safe to call twice.
   */
  close(): Promise<void>
}

/**
 * Socket.IO bounds a whole packet to this (its default is 1 MB): an announce is ~150 bytes and a
 * signal at most MAX_SIGNAL_BYTES JSON characters plus its envelope, which UTF-8 may turn into
 * up to 3× as many bytes. Anything bigger is abuse and drops the connection.
 */
const MAX_HTTP_BUFFER_BYTES = 64 * 1024

/**
 * Starts a tracker: Socket.IO signaling (SPEC TR-1…TR-16) plus, when `staticDir` exists, the web
 * app and its SPA fallback, all on one port.
 * @returns once listening.
 */
export async function createTrackerServer(
  options: TrackerServerOptions = {},
): Promise<TrackerServer> {
  const log = options.logger ?? pino({ level: 'silent' })
  const limits: TrackerLimits = { ...DEFAULT_LIMITS, ...options.limits }
  const allowedOrigins = options.allowedOrigins ?? []
  const localSockets = new Map<PeerId, TrackerSocket>()

  const redis =
    options.redisUrl === undefined ? undefined : await connectRedis(options.redisUrl, log)
  const storeOptions = {
    maxPeersPerAnnounce: options.maxPeersPerAnnounce ?? DEFAULT_MAX_PEERS_PER_ANNOUNCE,
    maxPeersPerSwarm: limits.maxPeersPerSwarm,
  }
  const store: SwarmStore =
    redis === undefined
      ? new MemorySwarmStore(storeOptions)
      : new RedisSwarmStore({
          ...storeOptions,
          redis: redis.commands,
          ...(options.membershipTtlMs === undefined
            ? {}
            : { membershipTtlMs: options.membershipTtlMs }),
        })
  const metrics = createTrackerMetrics(
    {
      sockets: () => localSockets.size,
      swarms: () => store.localStats().swarms,
      peers: () => store.localStats().peers,
    },
    { processMetrics: options.processMetrics ?? false },
  )

  const serveStatic =
    options.staticDir !== undefined && existsSync(options.staticDir)
      ? createStaticHandler(options.staticDir)
      : undefined
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    handleHttp(req, res, metrics, serveStatic).catch((error: unknown) => {
      log.error({ err: error, url: req.url }, 'http error')
      if (!res.headersSent) {
        sendText(res, 500, 'internal error')
      } else {
        res.destroy()
      }
    })
  }
  // Socket.IO attaches to either the same way, so WSS comes with HTTPS.
  const http =
    options.tls === undefined
      ? createServer(handler)
      : createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, handler)

  const io: TrackerIo = new Server<
    ClientToServerEvents,
    ServerToClientEvents,
    Record<string, never>,
    SocketData
  >(http, {
    maxHttpBufferSize: MAX_HTTP_BUFFER_BYTES,
    serveClient: false,
    // Long-polling's CORS headers; the Origin check below covers WebSocket too.
    cors: { origin: allowedOrigins === '*' ? '*' : [...allowedOrigins] },
    allowRequest: (req, callback) => {
      const allowed = isOriginAllowed(req, allowedOrigins)
      if (!allowed) {
        metrics.rejected('handshake', 'origin')
        log.info({ origin: req.headers.origin }, 'origin refused')
      }
      callback(allowed ? null : 'origin not allowed', allowed)
    },
    ...(redis === undefined ? {} : { adapter: createAdapter(redis.pub, redis.sub) }),
  })
  io.engine.on('connection_error', (error: { message?: unknown }) => {
    log.debug({ message: String(error.message) }, 'engine connection error')
  })

  const rates = new SocketRateLimits(limits)
  const ice = options.ice ?? NO_ICE_SERVERS
  const now = options.now ?? Date.now
  const context = {
    io,
    store,
    limits,
    rates,
    metrics,
    log,
    intervalMs: options.announceIntervalMs ?? DEFAULT_ANNOUNCE_INTERVAL_MS,
    localSockets,
    shared: redis !== undefined,
    iceConfig: (peerId: PeerId) => iceConfigFor(ice, peerId, now(), nodeHmacSha1),
    interceptSignal: options.interceptSignal,
  }
  const newPeerId = (): PeerId => {
    for (;;) {
      // 16 random bytes, unguessable; a derived id (peerIdOfIdentity) has the same length.
      const id = randomBytes(PEER_ID_BYTES).toString('base64url') as PeerId
      if (!localSockets.has(id)) {
        return id
      }
    }
  }
  io.on('connection', (socket) => {
    const record = options.onTraffic
    if (record !== undefined) {
      socket.onAny((event: string, ...args: unknown[]) => record('in', event, args))
      socket.onAnyOutgoing((event: string, ...args: unknown[]) => record('out', event, args))
    }
    // SPEC TR-1: a client that proves its identity keeps its id; one whose earlier connection
    // is still open here (the server has not yet noticed it drop) replaces that connection.
    const claimed = peerIdOfIdentity(socket.handshake.auth)
    const peerId = claimed ?? newPeerId()
    const previous = localSockets.get(peerId)
    bindSocket(socket, peerId, context)
    previous?.disconnect(true)
  })

  await listen(http, options.port ?? 0, options.host)
  const port = (http.address() as AddressInfo).port
  const urlHost =
    options.host === undefined || options.host === '0.0.0.0' || options.host === '::'
      ? 'localhost'
      : options.host.includes(':')
        ? `[${options.host}]`
        : options.host
  log.info(
    {
      port,
      tls: options.tls !== undefined,
      staticDir: serveStatic ? options.staticDir : undefined,
      redis: redis !== undefined,
      stun: ice.stunUrls.length,
      turn: ice.turn === null ? 0 : ice.turn.urls.length,
    },
    'tracker listening',
  )

  let closing: Promise<void> | undefined
  return {
    port,
    url: `${options.tls === undefined ? 'http' : 'https'}://${urlHost}:${port}`,
    metrics,
    close: () => {
      closing ??= (async () => {
        // SPEC TR-15: peers hear it first, then the disconnect makes them reconnect with back-off.
        for (const socket of localSockets.values()) {
          socket.emit('tracker-shutdown')
        }
        await new Promise<void>((resolveClose) => {
          // io.close() disconnects every socket and closes the HTTP server; idle keep-alive
          // connections would otherwise hold that close open.
          void io.close(() => resolveClose())
          http.closeAllConnections()
        })
        await store.close()
        if (redis !== undefined) {
          await Promise.allSettled([redis.commands.quit(), redis.pub.quit(), redis.sub.quit()])
        }
        log.info('tracker closed')
      })()
      return closing
    },
  }
}

interface RedisClients {
  readonly commands: Redis
  readonly pub: Redis
  readonly sub: Redis
}

/** Three connections: the store's commands, and the adapter's publisher and subscriber. */
async function connectRedis(url: string, log: Logger): Promise<RedisClients> {
  const commands = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 })
  const pub = commands.duplicate()
  const sub = commands.duplicate()
  for (const [name, client] of Object.entries({ commands, pub, sub })) {
    client.on('error', (error: unknown) => log.warn({ err: error, client: name }, 'redis error'))
  }
  await Promise.all([commands.connect(), pub.connect(), sub.connect()])
  return { commands, pub, sub }
}

async function handleHttp(
  req: IncomingMessage,
  res: ServerResponse,
  metrics: TrackerMetrics,
  serveStatic: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined,
): Promise<void> {
  const path = (req.url ?? '/').split('?')[0]
  if (path === '/healthz') {
    return sendText(res, 200, 'ok')
  }
  if (path === '/metrics') {
    const body = await metrics.registry.metrics()
    res.writeHead(200, { 'content-type': metrics.registry.contentType })
    res.end(body)
    return
  }
  if (serveStatic === undefined) {
    return sendText(res, 404, 'not found')
  }
  return serveStatic(req, res)
}

function listen(http: NetServer, port: number, host: string | undefined): Promise<void> {
  return new Promise((resolveListen, reject) => {
    http.once('error', reject)
    const onListening = (): void => {
      http.off('error', reject)
      resolveListen()
    }
    if (host === undefined) {
      http.listen(port, onListening)
    } else {
      http.listen(port, host, onListening)
    }
  })
}
