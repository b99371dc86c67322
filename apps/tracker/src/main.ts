/**
 * `node --import tsx apps/tracker/src/main.ts`: the tracker and the web build on one port.
 * Environment: PORT (8080), HOST (0.0.0.0), ANNOUNCE_INTERVAL_MS, MAX_PEERS_PER_ANNOUNCE,
 * STATIC_DIR (apps/web/dist; set it empty to serve no files, as `npm run dev` does).
 */
import { fileURLToPath } from 'node:url'

import { type TrackerServerOptions, createTrackerServer } from './create-server.ts'

/** Gives a graceful close this long before the process exits regardless. */
const FORCE_EXIT_AFTER_MS = 5_000

const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url))

function integerFromEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw.trim() === '') {
    return fallback
  }
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min || value > max) {
    console.error(`${name} must be an integer from ${min} to ${max}, got "${raw}"`)
    process.exit(2)
  }
  return value
}

function optionsFromEnv(): TrackerServerOptions {
  const staticDir = process.env['STATIC_DIR'] ?? DEFAULT_STATIC_DIR
  return {
    port: integerFromEnv('PORT', 8080, 0, 65_535),
    host: process.env['HOST'] ?? '0.0.0.0',
    announceIntervalMs: integerFromEnv('ANNOUNCE_INTERVAL_MS', 30_000, 1_000, 3_600_000),
    maxPeersPerAnnounce: integerFromEnv('MAX_PEERS_PER_ANNOUNCE', 30, 1, 200),
    ...(staticDir === '' ? {} : { staticDir }),
    logger: (line) => console.log(`[tracker] ${line}`),
  }
}

async function main(): Promise<void> {
  const server = await createTrackerServer(optionsFromEnv())
  console.log(`Swarmdrop on http://localhost:${server.port}`)

  let closing = false
  const shutdown = (signal: NodeJS.Signals): void => {
    // A terminal's Ctrl+C reaches both this process and a parent (npm start) that forwards it,
    // so a repeated signal is expected and must not cut the graceful close short.
    if (closing) {
      return
    }
    closing = true
    console.log(`[tracker] ${signal}: closing`)
    setTimeout(() => process.exit(1), FORCE_EXIT_AFTER_MS).unref()
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('[tracker] close failed', error)
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
