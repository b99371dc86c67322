// Tracker load: N Socket.IO clients (default 2,000 across 100 swarms) connect, announce (join) and
// relay signals through one tracker process, then through two processes sharing a redis-server.
// Prints joins/s, signals/s, p50/p99 latencies and the tracker's resident memory per 1,000 peers.
// Run: npm run bench:tracker  (env: BENCH_CLIENTS, BENCH_SWARMS, BENCH_SIGNALS_PER_CLIENT)
import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

import type { DiscoveryId, PeerId } from '@swarmdrop/protocol'
import type {
  AnnounceAck,
  ClientToServerEvents,
  RelayedSignal,
  ServerToClientEvents,
} from '@swarmdrop/signaling'
import { type Socket, io } from 'socket.io-client'

import { findRedisServer, startRedis } from '../../apps/tracker/src/redis-process.ts'

type Client = Socket<ServerToClientEvents, ClientToServerEvents>

const CLIENTS = Number(process.env['BENCH_CLIENTS'] ?? 2_000)
const SWARMS = Number(process.env['BENCH_SWARMS'] ?? 100)
const SIGNALS_PER_CLIENT = Number(process.env['BENCH_SIGNALS_PER_CLIENT'] ?? 10)
/** Clients connecting or announcing at once: a burst, but not one that exhausts sockets. */
const CONCURRENCY = 200
const REPO = fileURLToPath(new URL('../..', import.meta.url))

interface Tracker {
  readonly url: string
  readonly child: ChildProcess
}

interface Result {
  readonly label: string
  readonly joinsPerSecond: number
  readonly joinP50: number
  readonly joinP99: number
  readonly signalsPerSecond: number
  readonly relayP50: number
  readonly relayP99: number
  readonly rssPerThousandMiB: number
}

async function startTracker(env: Record<string, string>): Promise<Tracker> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/tracker/src/main.ts'], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      STATIC_DIR: '',
      LOG_LEVEL: 'warn',
      // Hermetic, as the tests are: no public STUN server in the configs it hands out.
      STUN_URLS: '',
      // The bench is one host opening thousands of sockets; per-socket limits stay as shipped.
      ...env,
    },
  })
  const url = await new Promise<string>((resolve, reject) => {
    let output = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /on (https?:\/\/localhost:\d+)/.exec(output)
      if (match?.[1] !== undefined) {
        resolve(match[1].replace('localhost', '127.0.0.1'))
      }
    })
    child.once('exit', (code) => reject(new Error(`tracker exited (${String(code)}): ${output}`)))
  })
  return { url, child }
}

async function stopTracker(tracker: Tracker): Promise<void> {
  if (tracker.child.exitCode !== null) {
    return
  }
  const exited = new Promise<void>((resolve) => tracker.child.once('exit', () => resolve()))
  tracker.child.kill('SIGTERM')
  await exited
}

async function rssBytes(tracker: Tracker): Promise<number> {
  const text = await (await fetch(`${tracker.url}/metrics`)).text()
  const line = text.split('\n').find((l) => l.startsWith('process_resident_memory_bytes '))
  return Number(line?.split(' ')[1] ?? Number.NaN)
}

async function inBatches<T>(items: readonly T[], run: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += CONCURRENCY) {
    await Promise.all(items.slice(i, i + CONCURRENCY).map(run))
  }
}

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN
}

const swarmOf = (i: number): DiscoveryId =>
  (i % SWARMS).toString(16).padStart(64, '0') as DiscoveryId

async function runScenario(label: string, trackers: readonly Tracker[]): Promise<Result> {
  const baseline = await Promise.all(trackers.map(rssBytes))
  const clients: Client[] = []
  const pending = new Map<string, (at: number) => void>()
  await inBatches(
    Array.from({ length: CLIENTS }, (_, i) => i),
    async (i) => {
      const tracker = trackers[i % trackers.length] as Tracker
      const socket: Client = io(tracker.url, {
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
      })
      socket.on('signal', ({ data }: RelayedSignal) => {
        pending.get(data as string)?.(performance.now())
      })
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve)
        socket.once('connect_error', reject)
      })
      clients[i] = socket
    },
  )

  // Joins: every client announces its swarm once.
  const joinLatencies: number[] = []
  const peersOf: PeerId[][] = []
  const joinStart = performance.now()
  await inBatches(
    clients.map((socket, i) => ({ socket, i })),
    async ({ socket, i }) => {
      const sent = performance.now()
      const ack = await new Promise<AnnounceAck>((resolve) =>
        socket.emit('announce', { swarmId: swarmOf(i), seeding: i < SWARMS, numWant: 30 }, resolve),
      )
      joinLatencies.push(performance.now() - sent)
      if (!ack.ok) {
        throw new Error(`announce refused: ${ack.code}`)
      }
      peersOf[i] = [...ack.peers]
    },
  )
  const joinSeconds = (performance.now() - joinStart) / 1_000
  const rss = await Promise.all(trackers.map(rssBytes))
  const rssGrowth = rss.reduce((sum, bytes, k) => sum + bytes - (baseline[k] ?? 0), 0)

  // Signals: rounds in which every client signals one peer from its announce answer.
  const relayLatencies: number[] = []
  let relayed = 0
  const signalStart = performance.now()
  for (let round = 0; round < SIGNALS_PER_CLIENT; round++) {
    await inBatches(
      clients.map((socket, i) => ({ socket, i })),
      async ({ socket, i }) => {
        const peers = peersOf[i] ?? []
        const to = peers[round % Math.max(1, peers.length)]
        if (to === undefined) {
          return
        }
        const key = `${round}:${i}`
        const sent = performance.now()
        const arrived = new Promise<number>((resolve) => pending.set(key, resolve))
        socket.emit('signal', { swarmId: swarmOf(i), to, data: key })
        relayLatencies.push((await arrived) - sent)
        pending.delete(key)
        relayed += 1
      },
    )
  }
  const signalSeconds = (performance.now() - signalStart) / 1_000
  for (const socket of clients) {
    socket.close()
  }
  return {
    label,
    joinsPerSecond: CLIENTS / joinSeconds,
    joinP50: percentile(joinLatencies, 0.5),
    joinP99: percentile(joinLatencies, 0.99),
    signalsPerSecond: relayed / signalSeconds,
    relayP50: percentile(relayLatencies, 0.5),
    relayP99: percentile(relayLatencies, 0.99),
    rssPerThousandMiB: rssGrowth / (CLIENTS / 1_000) / (1024 * 1024),
  }
}

function print(results: readonly Result[]): void {
  console.log(
    `\n${CLIENTS} clients, ${SWARMS} swarms, ${SIGNALS_PER_CLIENT} signals per client, ` +
      `${CONCURRENCY} in flight\n`,
  )
  console.log(
    '| Setup | joins/s | join p50 / p99 (ms) | signals/s | relay p50 / p99 (ms) | RSS per 1,000 peers (MiB) |',
  )
  console.log('| --- | --- | --- | --- | --- | --- |')
  for (const r of results) {
    console.log(
      `| ${r.label} | ${r.joinsPerSecond.toFixed(0)} | ${r.joinP50.toFixed(1)} / ${r.joinP99.toFixed(1)} | ` +
        `${r.signalsPerSecond.toFixed(0)} | ${r.relayP50.toFixed(1)} / ${r.relayP99.toFixed(1)} | ` +
        `${r.rssPerThousandMiB.toFixed(1)} |`,
    )
  }
}

const results: Result[] = []
const single = await startTracker({})
try {
  results.push(await runScenario('1 process, in memory', [single]))
} finally {
  await stopTracker(single)
}

const executable = findRedisServer()
if (executable === undefined) {
  console.warn('No redis-server found: skipping the two-process Redis run.')
} else {
  const redis = await startRedis(executable)
  const pair: Tracker[] = []
  try {
    pair.push(
      await startTracker({ REDIS_URL: redis.url }),
      await startTracker({ REDIS_URL: redis.url }),
    )
    results.push(await runScenario('2 processes, Redis', pair))
  } finally {
    await Promise.all(pair.map(stopTracker))
    await redis.stop()
  }
}
print(results)
