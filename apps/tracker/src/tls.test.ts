/** TLS_CERT + TLS_KEY: the same tracker over HTTPS and WSS, with a certificate made here. */
import { mkdtempSync, rmSync } from 'node:fs'
import { get } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, describe, expect, it } from 'vitest'

import { selfSigned, swarm, worldPerTest } from './test-support.ts'

const dir = mkdtempSync(join(tmpdir(), 'swarmdrop-tls-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** GET over HTTPS trusting only `ca`: the test checks the certificate, not just the bytes. */
function getText(url: string, ca: string): Promise<string> {
  return new Promise((resolve, reject) => {
    get(url, { ca }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve(body))
    }).on('error', reject)
  })
}

const start = worldPerTest()

describe('HTTPS and WSS', () => {
  it('serves /healthz over https and Socket.IO over wss, and reports an https url', async () => {
    const { cert, key } = selfSigned(dir)
    const world = await start({ tls: { cert, key } }, { ca: cert })
    expect(world.server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)

    expect(await getText(`${world.server.url}/healthz`, cert)).toBe('ok')
    const client = await world.connect()
    expect(await client.iceConfigs.next()).toEqual({
      iceServers: [],
      relayAvailable: false,
      expiresAt: null,
    })
    expect(await client.announce(swarm('f'))).toEqual(expect.any(String))
  })

  it('refuses a client that does not trust the certificate', async () => {
    const { cert, key } = selfSigned(dir)
    const world = await start({ tls: { cert, key } })
    await expect(world.connect()).rejects.toThrow()
  })
})
