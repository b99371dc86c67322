/**
 * Starts a throw-away `redis-server` on a free loopback port, for the scale-out tests and the
 * bench. Nothing is persisted.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'

import { freePort } from './free-port.ts'

const CANDIDATES = [
  '/usr/bin/redis-server',
  '/usr/local/bin/redis-server',
  '/opt/homebrew/bin/redis-server',
]
const READY_TIMEOUT_MS = 10_000

/** A running redis-server. */
export interface RedisProcess {
  readonly url: string
  stop(): Promise<void>
}

/** The redis-server executable (REDIS_SERVER, then the usual places), or undefined. */
export function findRedisServer(): string | undefined {
  const fromEnv = process.env['REDIS_SERVER']
  return [...(fromEnv === undefined ? [] : [fromEnv]), ...CANDIDATES].find((path) =>
    existsSync(path),
  )
}

/** Starts redis-server and resolves once it accepts connections. */
export async function startRedis(executable: string): Promise<RedisProcess> {
  const port = await freePort()
  const child: ChildProcess = spawn(
    executable,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('redis-server did not start')),
      READY_TIMEOUT_MS,
    )
    let output = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer)
        resolve()
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`redis-server exited with ${String(code)}: ${output}`))
    })
  })
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) {
          resolve()
          return
        }
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
