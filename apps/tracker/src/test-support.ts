/** Helpers for the tracker's integration tests: real sockets against a server on port 0. */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import type { DiscoveryId, PeerId } from '@swarmdrop/protocol'
import type {
  AnnounceAck,
  ClientToServerEvents,
  IceConfigAck,
  IceConfigPayload,
  RelayedSignal,
  ServerToClientEvents,
  SignalAck,
  SwarmSizePayload,
} from '@swarmdrop/signaling'
import { type Logger, pino } from 'pino'
import { type ManagerOptions, type Socket, type SocketOptions, io } from 'socket.io-client'
import { afterEach } from 'vitest'

import {
  type TrackerServer,
  type TrackerServerOptions,
  createTrackerServer,
} from './create-server.ts'

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>

/** A queue of one event's payloads, awaited in arrival order. */
export class EventQueue<T> {
  readonly #items: T[] = []
  readonly #waiters: ((item: T) => void)[] = []

  push(item: T): void {
    const waiter = this.#waiters.shift()
    if (waiter === undefined) {
      this.#items.push(item)
    } else {
      waiter(item)
    }
  }

  /** The next payload, waiting for it if none is queued. */
  next(): Promise<T> {
    const item = this.#items.shift()
    if (item !== undefined) {
      return Promise.resolve(item)
    }
    return new Promise((resolve) => this.#waiters.push(resolve))
  }

  get pending(): number {
    return this.#items.length
  }
}

/** A connected test client with its inbound events queued. */
export interface TestClient {
  readonly socket: ClientSocket
  readonly signals: EventQueue<RelayedSignal>
  readonly sizes: EventQueue<SwarmSizePayload>
  /** Every event in arrival order, by name, to check what came first. */
  readonly events: readonly string[]
  readonly iceConfigs: EventQueue<IceConfigPayload>
  announce(swarmId: DiscoveryId, options?: { seeding?: boolean; numWant?: number }): Promise<PeerId>
  close(): void
}

/** A server plus every client opened on it, all closed by `close()`. */
export interface TestWorld {
  readonly server: TrackerServer
  /** A new client; `options` over the world's client options (an `auth` identity, say). */
  connect(options?: Partial<ManagerOptions & SocketOptions>): Promise<TestClient>
  close(): Promise<void>
}

export const swarm = (digit: string): DiscoveryId => digit.repeat(64) as DiscoveryId

/** Starts a tracker on an ephemeral loopback port. */
export async function startWorld(
  options: TrackerServerOptions = {},
  clientOptions: Partial<ManagerOptions & SocketOptions> = {},
): Promise<TestWorld> {
  const server = await createTrackerServer({ host: '127.0.0.1', port: 0, ...options })
  const clients: ClientSocket[] = []
  return {
    server,
    connect: async (options = {}) => {
      const socket: ClientSocket = io(server.url, {
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        ...clientOptions,
        ...options,
      })
      clients.push(socket)
      const signals = new EventQueue<RelayedSignal>()
      const sizes = new EventQueue<SwarmSizePayload>()
      const iceConfigs = new EventQueue<IceConfigPayload>()
      const events: string[] = []
      socket.onAny((event: string) => events.push(event))
      socket.on('signal', (payload) => signals.push(payload))
      socket.on('swarm-size', (payload) => sizes.push(payload))
      socket.on('ice-config', (payload) => iceConfigs.push(payload))
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve)
        socket.once('connect_error', reject)
      })
      return {
        socket,
        signals,
        sizes,
        events,
        iceConfigs,
        announce: async (swarmId, { seeding = false, numWant = 30 } = {}) => {
          const ack = await announce(socket, { swarmId, seeding, numWant })
          if (!ack.ok) {
            throw new Error(`announce rejected: ${ack.code} ${ack.message}`)
          }
          return ack.peerId
        },
        close: () => socket.close(),
      }
    },
    close: async () => {
      for (const socket of clients) {
        socket.close()
      }
      await server.close()
    },
  }
}

/**
 * For a test file whose tests each start one tracker: returns the starter, and closes the tracker
 * a test started (and its clients) after that test, whatever happened in it.
 */
export function worldPerTest(): (
  options?: TrackerServerOptions,
  clientOptions?: Partial<ManagerOptions & SocketOptions>,
) => Promise<TestWorld> {
  let world: TestWorld | undefined
  afterEach(async () => {
    await world?.close()
    world = undefined
  })
  return async (options = {}, clientOptions = {}) => {
    world = await startWorld(options, clientOptions)
    return world
  }
}

/** Emits an announce with whatever payload a test wants, and resolves with the ack. */
export const announce = (socket: ClientSocket, payload: unknown): Promise<AnnounceAck> =>
  new Promise((resolve) => {
    socket.emit('announce', payload as Parameters<ClientToServerEvents['announce']>[0], resolve)
  })

/** Asks for fresh ICE credentials (SPEC IC-1), with whatever arguments precede the ack. */
export const requestIceConfig = (
  socket: ClientSocket,
  ...before: unknown[]
): Promise<IceConfigAck> =>
  new Promise((resolve) => {
    const emit = socket.emit.bind(socket) as (event: string, ...args: unknown[]) => void
    emit('ice-config', ...before, resolve)
  })

/** Emits a signal with whatever payload a test wants, and resolves with the ack. */
export const signal = (socket: ClientSocket, payload: unknown): Promise<SignalAck> =>
  new Promise((resolve) => {
    socket.emit('signal', payload as Parameters<ClientToServerEvents['signal']>[0], resolve)
  })

/** A debug-level logger whose JSON lines land, parsed, in `lines`. */
export function captureLogs(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = []
  const logger = pino(
    { level: 'debug' },
    { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
  )
  return { logger, lines }
}

/** The tracker's /metrics text. */
export async function scrapeMetrics(server: TrackerServer): Promise<string> {
  return (await fetch(`${server.url}/metrics`)).text()
}

/** One sample's value from Prometheus text (0 when absent), matched on name and exact labels. */
export function metricValue(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number {
  const wanted = Object.entries(labels)
    .map(([key, value]) => `${key}="${value}"`)
    .sort()
    .join(',')
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)(?:\{([^}]*)\})? (\S+)$/.exec(line)
    if (match?.[1] !== name) {
      continue
    }
    const have = (match[2] ?? '')
      .split(',')
      .filter((part) => part !== '')
      .sort()
      .join(',')
    if (have === wanted) {
      return Number(match[3])
    }
  }
  return 0
}

/** A self-signed certificate for 127.0.0.1, made by openssl (a P-256 key: quick to generate). */
export function selfSigned(into: string): {
  cert: string
  key: string
  certPath: string
  keyPath: string
} {
  const certPath = join(into, 'cert.pem')
  const keyPath = join(into, 'key.pem')
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyPath,
      '-out',
      certPath,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  )
  return {
    cert: readFileSync(certPath, 'utf8'),
    key: readFileSync(keyPath, 'utf8'),
    certPath,
    keyPath,
  }
}
