/** SPEC IC-1…IC-7 over real sockets: what a tracker hands each connection, and on request. */
import type { IceConfigPayload } from '@swarmdrop/signaling'
import { describe, expect, it } from 'vitest'

import { nodeHmacSha1 } from './hmac.ts'
import { iceSettingsFromEnv } from './ice-settings.ts'
import { requestIceConfig, swarm, worldPerTest } from './test-support.ts'

const X = swarm('e')
const SECRET = 'tracker-only-secret'
const TURN_ENV = {
  STUN_URLS: 'stun:stun.example.org:3478',
  TURN_URLS: 'turn:turn.example.org:3478?transport=udp,turn:turn.example.org:3478?transport=tcp',
  TURN_SECRET: `${SECRET},previous-secret`,
  TURN_TTL_S: '3600',
}

const start = worldPerTest()

/** The TURN server entry of a config (the last one). */
const turnOf = (config: IceConfigPayload) => config.iceServers.at(-1)

describe('ICE configuration from the tracker', () => {
  it('[IC-1] a connection hears its ICE config first, credentials minted for its peer id', async () => {
    const { connect } = await start({
      ice: iceSettingsFromEnv(TURN_ENV),
      now: () => 1_700_000_000_000,
    })
    const client = await connect()
    const config = await client.iceConfigs.next()
    const peerId = await client.announce(X)

    expect(client.events[0]).toBe('ice-config')
    const username = `${1_700_000_000 + 3_600}:${peerId}`
    expect(config).toEqual({
      iceServers: [
        { urls: ['stun:stun.example.org:3478'] },
        {
          urls: TURN_ENV.TURN_URLS.split(','),
          username,
          credential: nodeHmacSha1(SECRET, username),
        },
      ],
      relayAvailable: true,
      expiresAt: (1_700_000_000 + 3_600) * 1_000,
    })
  })

  it('[IC-5] a request is answered with freshly minted credentials', async () => {
    let nowMs = 1_700_000_000_000
    const { connect } = await start({ ice: iceSettingsFromEnv(TURN_ENV), now: () => nowMs })
    const client = await connect()
    const first = await client.iceConfigs.next()

    nowMs += 2_880_000
    const renewed = await requestIceConfig(client.socket)

    expect(renewed).toMatchObject({ relayAvailable: true, expiresAt: first.expiresAt! + 2_880_000 })
    const username = turnOf(renewed as IceConfigPayload)?.username ?? ''
    expect(username).toBe(`${1_700_002_880 + 3_600}:${username.split(':')[1]}`)
    expect(username.split(':')[1]).toBe(turnOf(first)?.username?.split(':')[1])
    // A hostile client's extra arguments change nothing: the ack is the last one.
    expect(await requestIceConfig(client.socket, { peerId: 'someone-else' })).toEqual(renewed)
  })

  it('[IC-2] with no ICE settings (tests, benches) the list is empty; STUN only never expires', async () => {
    const bare = await start()
    expect(await (await bare.connect()).iceConfigs.next()).toEqual({
      iceServers: [],
      relayAvailable: false,
      expiresAt: null,
    })
    await bare.close()
    const stunOnly = await start({ ice: iceSettingsFromEnv({}) })
    const config = await (await stunOnly.connect()).iceConfigs.next()
    expect(config).toEqual({
      iceServers: [{ urls: ['stun:stun.l.google.com:19302', 'stun:stun.cloudflare.com:3478'] }],
      relayAvailable: false,
      expiresAt: null,
    })
  })

  it('[IC-7] no secret reaches a page, in the first config or a renewed one', async () => {
    const { connect } = await start({ ice: iceSettingsFromEnv(TURN_ENV) })
    const client = await connect()
    const seen = [await client.iceConfigs.next(), await requestIceConfig(client.socket)]
    for (const config of seen) {
      expect(JSON.stringify(config)).not.toContain(SECRET)
      expect(JSON.stringify(config)).not.toContain('previous-secret')
    }
  })

  it('[TR-14] requests for fresh credentials are rate limited per connection', async () => {
    const { connect } = await start({
      ice: iceSettingsFromEnv(TURN_ENV),
      limits: { iceConfigs: { points: 2, seconds: 60 } },
    })
    const client = await connect()
    const other = await connect()
    expect(await requestIceConfig(client.socket)).toMatchObject({ relayAvailable: true })
    expect(await requestIceConfig(client.socket)).toMatchObject({ relayAvailable: true })
    expect(await requestIceConfig(client.socket)).toMatchObject({
      ok: false,
      code: 'ERR_RATE_LIMITED',
    })
    // Per connection: another page is not held back by this one.
    expect(await requestIceConfig(other.socket)).toMatchObject({ relayAvailable: true })
  })
})
