/**
 * The tracker's imperative shell: one node:http server carrying Socket.IO (the signaling), the
 * web app's static files and /healthz. Policy lives in SwarmRegistry and the validators; this
 * file only binds socket events to them and applies their answers.
 */
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

import type { PeerId, SwarmId } from '@swarmdrop/protocol'
import {
  type AnnounceAck,
  type ClientToServerEvents,
  DEFAULT_ANNOUNCE_INTERVAL_MS,
  DEFAULT_MAX_PEERS_PER_ANNOUNCE,
  type ServerToClientEvents,
  type SignalAck,
  SwarmRegistry,
  type TrackerErrorCode,
  parseAnnounce,
  parseLeave,
  parseSignal,
} from '@swarmdrop/signaling'
import { Server, type Socket } from 'socket.io'

import { createStaticHandler, sendText } from './static-files.ts'

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
  /** Where operational lines go; silent by default. */
  readonly logger?: (line: string) => void
}

/** A listening tracker. */
export interface TrackerServer {
  /** The port actually bound (useful with port 0). */
  readonly port: number
  /** `http://<host>:<port>`, with localhost standing in for a wildcard host. */
  readonly url: string
  /** Disconnects every socket and stops listening; safe to call twice. */
  close(): Promise<void>
}

/**
 * Socket.IO bounds a whole packet to this: an announce is ~150 bytes and a signal at most
 * MAX_SIGNAL_BYTES plus its envelope, so anything bigger is abuse and drops the connection.
 */
const MAX_HTTP_BUFFER_BYTES = 64 * 1024

/** 16 random bytes: 22 base64url characters, unguessable (SPEC TR-1). */
const PEER_ID_BYTES = 16

interface SocketData {
  peerId: PeerId
}

type TrackerSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>

/**
 * Starts a tracker: Socket.IO signaling (SPEC TR-1…TR-10) plus, when `staticDir` exists, the web
 * app and its SPA fallback, all on one port.
 * @returns once listening.
 */
export async function createTrackerServer(
  options: TrackerServerOptions = {},
): Promise<TrackerServer> {
  const log = options.logger ?? (() => {})
  const intervalMs = options.announceIntervalMs ?? DEFAULT_ANNOUNCE_INTERVAL_MS
  // The shell may use global randomness; only the pure registry needs it injected.
  const registry = new SwarmRegistry({
    random: { next: Math.random },
    maxPeersPerAnnounce: options.maxPeersPerAnnounce ?? DEFAULT_MAX_PEERS_PER_ANNOUNCE,
  })
  const sockets = new Map<PeerId, TrackerSocket>()

  const serveStatic =
    options.staticDir !== undefined && existsSync(options.staticDir)
      ? createStaticHandler(options.staticDir)
      : undefined
  const http = createServer((req, res) => {
    handleHttp(req, res, serveStatic).catch((error: unknown) => {
      log(`http error on ${req.url ?? '?'}: ${describe(error)}`)
      if (!res.headersSent) {
        sendText(res, 500, 'internal error')
      } else {
        res.destroy()
      }
    })
  })

  const io = new Server<
    ClientToServerEvents,
    ServerToClientEvents,
    Record<string, never>,
    SocketData
  >(http, {
    maxHttpBufferSize: MAX_HTTP_BUFFER_BYTES,
    // The tracker holds no cookies or credentials, and the Vite dev server (or any host of the
    // web app) lives on another origin.
    cors: { origin: '*' },
    serveClient: false,
  })
  io.engine.on('connection_error', (error: { message?: unknown }) => {
    log(`engine connection error: ${String(error.message)}`)
  })

  const room = (swarmId: SwarmId): string => `swarm:${swarmId}`

  /** SPEC TR-8: every member hears the new counts. */
  const pushSwarmSize = (swarmId: SwarmId): void => {
    if (registry.size(swarmId) > 0) {
      io.to(room(swarmId)).emit('swarm-size', { swarmId, ...registry.counts(swarmId) })
    }
  }

  const newPeerId = (): PeerId => {
    for (;;) {
      const id = randomBytes(PEER_ID_BYTES).toString('base64url') as PeerId
      if (!sockets.has(id)) {
        return id
      }
    }
  }

  io.on('connection', (socket) => {
    const peerId = newPeerId()
    socket.data.peerId = peerId
    sockets.set(peerId, socket)

    // Without a listener Socket.IO rethrows a socket's 'error' (e.g. an undecodable packet).
    socket.on('error', (error) => log(`socket ${peerId} error: ${describe(error)}`))

    socket.on(
      'announce',
      guarded(log, 'announce', (payload: unknown, ack: unknown) => {
        const parsed = parseAnnounce(payload)
        if (!parsed.ok) {
          return reply<AnnounceAck>(ack, rejection('ERR_INVALID_PAYLOAD', parsed.message))
        }
        const { swarmId, seeding, numWant } = parsed.value
        const result = registry.announce(peerId, swarmId, seeding, numWant)
        void socket.join(room(swarmId))
        reply<AnnounceAck>(ack, {
          ok: true,
          peerId,
          peers: result.peers,
          seeders: result.seeders,
          leechers: result.leechers,
          intervalMs,
        })
        if (result.countsChanged) {
          pushSwarmSize(swarmId)
        }
      }),
    )

    socket.on(
      'signal',
      guarded(log, 'signal', (payload: unknown, ack: unknown) => {
        const parsed = parseSignal(payload)
        if (!parsed.ok) {
          return reply<SignalAck>(ack, rejection('ERR_INVALID_PAYLOAD', parsed.message))
        }
        const { swarmId, to, data } = parsed.value
        if (!registry.isMember(peerId, swarmId)) {
          return reply<SignalAck>(ack, rejection('ERR_NOT_MEMBER', 'announce to the swarm first'))
        }
        const target = to === peerId ? undefined : sockets.get(to)
        if (target === undefined || !registry.isMember(to, swarmId)) {
          return reply<SignalAck>(ack, rejection('ERR_UNKNOWN_PEER', 'no such peer in this swarm'))
        }
        // SPEC TR-5: `from` is our record of this socket, never anything the client wrote.
        target.emit('signal', { swarmId, from: peerId, data })
        reply<SignalAck>(ack, { ok: true })
      }),
    )

    socket.on(
      'leave',
      guarded(log, 'leave', (payload: unknown) => {
        const parsed = parseLeave(payload)
        if (!parsed.ok) {
          return
        }
        const { swarmId } = parsed.value
        void socket.leave(room(swarmId))
        if (registry.leave(peerId, swarmId)) {
          pushSwarmSize(swarmId)
        }
      }),
    )

    socket.on('disconnect', () => {
      sockets.delete(peerId)
      // SPEC TR-9: all swarms at once; Socket.IO has already taken the socket out of its rooms.
      for (const swarmId of registry.leaveAll(peerId)) {
        pushSwarmSize(swarmId)
      }
    })
  })

  await listen(http, options.port ?? 0, options.host)
  const port = (http.address() as AddressInfo).port
  const urlHost =
    options.host === undefined || options.host === '0.0.0.0' || options.host === '::'
      ? 'localhost'
      : options.host.includes(':')
        ? `[${options.host}]`
        : options.host
  log(`tracker listening on port ${port}${serveStatic ? ` serving ${options.staticDir}` : ''}`)

  let closing: Promise<void> | undefined
  return {
    port,
    url: `http://${urlHost}:${port}`,
    close: () => {
      closing ??= new Promise<void>((resolveClose) => {
        // io.close() disconnects every socket and closes the HTTP server; idle keep-alive
        // connections would otherwise hold that close open.
        void io.close(() => resolveClose())
        http.closeAllConnections()
      })
      return closing
    },
  }
}

async function handleHttp(
  req: IncomingMessage,
  res: ServerResponse,
  serveStatic: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined,
): Promise<void> {
  const path = (req.url ?? '/').split('?')[0]
  if (path === '/healthz') {
    return sendText(res, 200, 'ok')
  }
  if (serveStatic === undefined) {
    return sendText(res, 404, 'not found')
  }
  return serveStatic(req, res)
}

function listen(
  http: ReturnType<typeof createServer>,
  port: number,
  host: string | undefined,
): Promise<void> {
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

/** SPEC TR-10: a handler never throws into Socket.IO, whatever a client sent. */
function guarded<Args extends unknown[]>(
  log: (line: string) => void,
  event: string,
  handler: (...args: Args) => void,
): (...args: Args) => void {
  return (...args) => {
    try {
      handler(...args)
    } catch (error: unknown) {
      log(`${event} handler failed: ${describe(error)}`)
    }
  }
}

/** Acks when the client asked for one; a missing or non-function ack is simply skipped. */
function reply<T>(ack: unknown, value: T): void {
  if (typeof ack === 'function') {
    ;(ack as (value: T) => void)(value)
  }
}

const rejection = (
  code: TrackerErrorCode,
  message: string,
): { readonly ok: false; readonly code: TrackerErrorCode; readonly message: string } => ({
  ok: false,
  code,
  message,
})

const describe = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error)
