/**
 * SPEC IC-6: `npm start`'s environment is checked before anything listens. The real entry point
 * runs as a child process, as `npm start` runs it.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { afterAll, describe, expect, it } from 'vitest'

import { selfSigned } from './test-support.ts'

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'swarmdrop-main-'))
const children: ChildProcess[] = []
afterAll(() => {
  for (const child of children) {
    child.kill('SIGKILL')
  }
  rmSync(dir, { recursive: true, force: true })
})

interface Run {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs main.ts until it exits, or until it prints its url (then it is stopped). */
function run(env: Record<string, string>): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: {
      PATH: process.env['PATH'] ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      STATIC_DIR: '',
      LOG_LEVEL: 'silent',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
    if (stdout.includes('Swarmdrop on ')) {
      child.kill('SIGTERM')
    }
  })
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })))
}

describe('npm start environment', () => {
  it('[IC-6] a bad ICE or TLS setting stops startup: one line on stderr, exit code 2', async () => {
    const { certPath, keyPath } = selfSigned(dir)
    const other = mkdtempSync(join(dir, 'other-'))
    const { keyPath: otherKey } = selfSigned(other)
    const notPem = join(dir, 'not.pem')
    writeFileSync(notPem, 'hello\n')
    const cases: [Record<string, string>, string][] = [
      [{ STUN_URLS: 'stun//stun.example.org' }, 'STUN_URLS: "stun//stun.example.org" is not a'],
      [{ TURN_URLS: 'turn:turn.example.org' }, 'TURN_URLS is set but no credentials'],
      [
        { TURN_URLS: 'turn:t.example', TURN_SECRET: 's', TURN_TTL_S: '5' },
        'TURN_TTL_S must be an integer from 60',
      ],
      [{ TLS_CERT: certPath }, 'TLS_CERT and TLS_KEY must be set together'],
      [{ TLS_CERT: join(dir, 'missing.pem'), TLS_KEY: keyPath }, 'TLS_CERT: cannot read'],
      [{ TLS_CERT: certPath, TLS_KEY: notPem }, 'not a usable certificate and key'],
      [{ TLS_CERT: certPath, TLS_KEY: otherKey }, 'not a usable certificate and key'],
    ]
    const runs = await Promise.all(cases.map(([env]) => run(env)))
    cases.forEach(([env, message], i) => {
      const result = runs[i]
      expect(result?.code, JSON.stringify(env)).toBe(2)
      expect(result?.stderr.trim()).toContain(message)
      expect(result?.stderr.trim().split('\n')).toHaveLength(1)
      expect(result?.stdout).toBe('')
    })
    // Seven Node processes at once on a small shared machine take their time to start.
  }, 90_000)

  it('[IC-6] good settings start it, over HTTPS when TLS_CERT and TLS_KEY are set', async () => {
    const { certPath, keyPath } = selfSigned(dir)
    const result = await run({
      TLS_CERT: certPath,
      TLS_KEY: keyPath,
      STUN_URLS: 'stun:stun.example.org',
      TURN_URLS: 'turn:turn.example.org:3478?transport=tcp,turns:turn.example.org:443',
      TURN_SECRET: 'north,south',
      TURN_TTL_S: '3600',
    })
    expect(result.stderr).toBe('')
    expect(result.stdout).toMatch(/^Swarmdrop on https:\/\/localhost:\d+\n/)
  }, 60_000)
})
