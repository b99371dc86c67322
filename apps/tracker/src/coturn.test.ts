/**
 * The credentials the tracker mints, against a real coturn started with deploy/turnserver.conf
 * (plus loopback addresses and no TLS: what a test host needs). Skipped where coturn is missing.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import type { PeerId } from '@swarmdrop/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { freePort } from './free-port.ts'
import { nodeHmacSha1 } from './hmac.ts'
import { iceConfigFor, iceSettingsFromEnv, mintTurnCredentials } from './ice-settings.ts'

const CONF = fileURLToPath(new URL('../../../deploy/turnserver.conf', import.meta.url))
const TURNSERVER = '/usr/bin/turnserver'
const UCLIENT = '/usr/bin/turnutils_uclient'
const available = existsSync(TURNSERVER) && existsSync(UCLIENT)
if (!available) {
  console.warn('coturn tests SKIPPED: no turnserver/turnutils_uclient (apt-get install coturn)')
}
const PEER = 'coturn-test-peer' as PeerId

/**
 * What turnutils_uclient saw: a relay address, or a refusal. The peer is refused by default (the
 * client then stops at once); towards a permitted one it waits for echoes, so it is cut off.
 */
function allocate(
  port: number,
  username: string,
  password: string,
  peer = '127.0.0.1',
  timeoutMs = 10_000,
) {
  return new Promise<string>((resolve) => {
    execFile(
      UCLIENT,
      [
        '-v',
        '-p',
        String(port),
        '-u',
        username,
        '-w',
        password,
        '-e',
        peer,
        '-n',
        '1',
        '-c',
        '127.0.0.1',
      ],
      { timeout: timeoutMs },
      (_error, stdout, stderr) => resolve(`${stdout}${stderr}`),
    )
  })
}

describe.skipIf(!available)('minted credentials against coturn (deploy/turnserver.conf)', () => {
  let turn: ChildProcess
  let port: number
  const dir = mkdtempSync(join(tmpdir(), 'swarmdrop-coturn-'))
  beforeAll(async () => {
    port = await freePort()
    turn = spawn(
      TURNSERVER,
      [
        '-c',
        CONF,
        // IC-4: a rotation in progress, the new secret and the old one.
        '--static-auth-secret=new-secret',
        '--static-auth-secret=old-secret',
        // What the network lab does for its own addresses: allowed wins over denied.
        '--allowed-peer-ip=10.9.9.9',
        '--realm=swarmdrop.test',
        '--listening-ip=127.0.0.1',
        '--relay-ip=127.0.0.1',
        `--listening-port=${port}`,
        '--no-tls',
        '--no-dtls',
        '--log-file=stdout',
        `--pidfile=${join(dir, 'turnserver.pid')}`,
        `--userdb=${join(dir, 'turndb')}`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let log = ''
    await new Promise<void>((resolve, reject) => {
      turn.stdout?.on('data', (chunk: Buffer) => {
        log += chunk.toString()
        if (log.includes('Total General servers')) {
          resolve()
        }
      })
      turn.once('exit', (code) => reject(new Error(`turnserver exited (${String(code)}): ${log}`)))
    })
    expect(log).not.toMatch(/CONFIG ERROR|Bad configuration|unknown option/i)
  }, 30_000)
  afterAll(() => {
    turn.kill('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
  })

  it('[IC-3][IC-4] coturn relays for what the tracker mints from the first secret', async () => {
    const settings = iceSettingsFromEnv({
      TURN_URLS: `turn:127.0.0.1:${port}`,
      TURN_SECRET: 'new-secret,old-secret',
    })
    const server = iceConfigFor(settings, PEER, Date.now(), nodeHmacSha1).iceServers.at(-1)
    const out = await allocate(port, server?.username ?? '', server?.credential ?? '')
    expect(out).toContain('Received relay addr: 127.0.0.1:')
  })

  it('[IC-4] credentials minted with the old secret still work during the rotation', async () => {
    const old = mintTurnCredentials('old-secret', PEER, Date.now(), 600, nodeHmacSha1)
    expect(await allocate(port, old.username, old.credential)).toContain('Received relay addr')
  })

  it('[IC-3] coturn refuses another secret, and credentials past their expiry', async () => {
    const other = mintTurnCredentials('not-the-secret', PEER, Date.now(), 600, nodeHmacSha1)
    const expired = mintTurnCredentials(
      'new-secret',
      PEER,
      Date.now() - 7_200_000,
      3_600,
      nodeHmacSha1,
    )
    for (const credentials of [other, expired]) {
      const out = await allocate(port, credentials.username, credentials.credential)
      expect(out).not.toContain('Received relay addr')
      expect(out).toContain('Cannot complete Allocation')
    }
  })

  it('refuses to relay to loopback and private addresses (the hardening of the file)', async () => {
    const ok = mintTurnCredentials('new-secret', PEER, Date.now(), 600, nodeHmacSha1)
    for (const peer of ['127.0.0.1', '10.1.2.3', '192.168.1.1', '172.16.0.1', '169.254.1.1']) {
      const out = await allocate(port, ok.username, ok.credential, peer)
      expect(out, peer).toContain('Received relay addr')
      expect(out, peer).toContain('403 (Forbidden IP)')
    }
    // The control: an address allowed on the command line gets its permission.
    const allowed = await allocate(port, ok.username, ok.credential, '10.9.9.9', 3_000)
    expect(allowed).toContain('Received relay addr')
    // The refusal itself, not a bare '403': the client prints ports and channel numbers, and
    // those contain 403 now and then (a relay on port 54031, channel 0x4030).
    expect(allowed).not.toContain('403 (Forbidden IP)')
  })
})
