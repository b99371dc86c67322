/**
 * `node --import tsx apps/tracker/src/main.ts`: the tracker and the web build on one port.
 * Environment (README "Tracker configuration"): PORT (8080), HOST (0.0.0.0), STATIC_DIR
 * (apps/web/dist; set it empty to serve no files, as `npm run dev` does), ANNOUNCE_INTERVAL_MS,
 * MAX_PEERS_PER_ANNOUNCE, MAX_SWARMS_PER_SOCKET, MAX_PEERS_PER_SWARM, ANNOUNCES_PER_10S,
 * JOINS_PER_MINUTE, SIGNALS_PER_SECOND, FLOOD_STRIKES, ALLOWED_ORIGINS, REDIS_URL, LOG_LEVEL,
 * STUN_URLS, TURN_URLS, TURN_SECRET, TURN_TTL_S, TURN_USERNAME, TURN_CREDENTIAL (SPEC IC-2…IC-6),
 * TLS_CERT, TLS_KEY. A bad value stops it with one line on stderr and exit code 2.
 */
import { readFileSync } from 'node:fs'
import { createSecureContext } from 'node:tls'
import { fileURLToPath } from 'node:url'

import { pino } from 'pino'

import { type TrackerServerOptions, createTrackerServer } from './create-server.ts'
import { type IceSettings, IceSettingsError, iceSettingsFromEnv } from './ice-settings.ts'
import { DEFAULT_LIMITS, type TrackerLimits } from './limits.ts'
import { type AllowedOrigins, parseAllowedOrigins } from './origin.ts'

/** Gives a graceful close this long before the process exits regardless. */
const FORCE_EXIT_AFTER_MS = 5_000

const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url))

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']

function fail(message: string): never {
  console.error(message)
  process.exit(2)
}

function integerFromEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw.trim() === '') {
    return fallback
  }
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min || value > max) {
    fail(`${name} must be an integer from ${min} to ${max}, got "${raw}"`)
  }
  return value
}

function limitsFromEnv(): TrackerLimits {
  const d = DEFAULT_LIMITS
  return {
    maxSwarmsPerSocket: integerFromEnv('MAX_SWARMS_PER_SOCKET', d.maxSwarmsPerSocket, 1, 10_000),
    maxPeersPerSwarm: integerFromEnv('MAX_PEERS_PER_SWARM', d.maxPeersPerSwarm, 2, 1_000_000),
    announces: {
      points: integerFromEnv('ANNOUNCES_PER_10S', d.announces.points, 1, 1e6),
      seconds: 10,
    },
    joins: { points: integerFromEnv('JOINS_PER_MINUTE', d.joins.points, 1, 1e6), seconds: 60 },
    signals: { points: integerFromEnv('SIGNALS_PER_SECOND', d.signals.points, 1, 1e6), seconds: 1 },
    iceConfigs: d.iceConfigs,
    floodStrikes: integerFromEnv('FLOOD_STRIKES', d.floodStrikes, 1, 1e6),
  }
}

/** ALLOWED_ORIGINS, else same-origin only, plus any origin under NODE_ENV=development. */
function allowedOriginsFromEnv(): AllowedOrigins {
  const raw = process.env['ALLOWED_ORIGINS']
  if (raw !== undefined && raw.trim() !== '') {
    return parseAllowedOrigins(raw)
  }
  return process.env['NODE_ENV'] === 'development' ? '*' : []
}

/** SPEC IC-6: a bad ICE setting stops startup here, not a page at its first dial. */
function iceFromEnv(): IceSettings {
  try {
    return iceSettingsFromEnv(process.env)
  } catch (error: unknown) {
    if (error instanceof IceSettingsError) {
      fail(error.message)
    }
    throw error
  }
}

/** TLS_CERT + TLS_KEY (PEM files), both or neither; checked as a pair before listening. */
function tlsFromEnv(): TrackerServerOptions['tls'] {
  const certPath = process.env['TLS_CERT'] ?? ''
  const keyPath = process.env['TLS_KEY'] ?? ''
  if (certPath === '' && keyPath === '') {
    return undefined
  }
  if (certPath === '' || keyPath === '') {
    fail('TLS_CERT and TLS_KEY must be set together (PEM certificate chain and private key)')
  }
  const read = (name: string, path: string): string => {
    try {
      return readFileSync(path, 'utf8')
    } catch (error: unknown) {
      const code = (error as { code?: unknown }).code
      return fail(`${name}: cannot read "${path}" (${typeof code === 'string' ? code : 'error'})`)
    }
  }
  const tls = { cert: read('TLS_CERT', certPath), key: read('TLS_KEY', keyPath) }
  try {
    // Fails on a file that is not PEM, and on a key that does not belong to the certificate.
    createSecureContext(tls)
  } catch (error: unknown) {
    fail(
      `TLS_CERT/TLS_KEY are not a usable certificate and key: ${String((error as Error).message)}`,
    )
  }
  return tls
}

function optionsFromEnv(): TrackerServerOptions {
  const staticDir = process.env['STATIC_DIR'] ?? DEFAULT_STATIC_DIR
  const redisUrl = process.env['REDIS_URL']
  const level = process.env['LOG_LEVEL'] ?? 'info'
  if (!LOG_LEVELS.includes(level)) {
    fail(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${level}"`)
  }
  const tls = tlsFromEnv()
  return {
    port: integerFromEnv('PORT', 8080, 0, 65_535),
    host: process.env['HOST'] ?? '0.0.0.0',
    announceIntervalMs: integerFromEnv('ANNOUNCE_INTERVAL_MS', 30_000, 1_000, 3_600_000),
    maxPeersPerAnnounce: integerFromEnv('MAX_PEERS_PER_ANNOUNCE', 30, 1, 200),
    limits: limitsFromEnv(),
    allowedOrigins: allowedOriginsFromEnv(),
    ...(staticDir === '' ? {} : { staticDir }),
    ...(redisUrl === undefined || redisUrl === '' ? {} : { redisUrl }),
    ice: iceFromEnv(),
    ...(tls === undefined ? {} : { tls }),
    logger: pino({ level, base: { service: 'swarmdrop-tracker' } }),
    processMetrics: true,
  }
}

async function main(): Promise<void> {
  const options = optionsFromEnv()
  const log = options.logger ?? pino()
  const server = await createTrackerServer(options)
  // Scripts read this line (bench/tracker); it always names localhost, as it always has.
  console.log(`Swarmdrop on ${new URL(server.url).protocol}//localhost:${server.port}`)

  let closing = false
  const shutdown = (signal: NodeJS.Signals): void => {
    // A terminal's Ctrl+C reaches both this process and a parent (npm start) that forwards it,
    // so a repeated signal is expected and must not cut the graceful close short.
    if (closing) {
      return
    }
    closing = true
    log.info({ signal }, 'closing')
    setTimeout(() => process.exit(1), FORCE_EXIT_AFTER_MS).unref()
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'close failed')
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)
}

main().catch((error: unknown) => {
  console.error('[tracker] failed to start:', error)
  process.exit(1)
})
