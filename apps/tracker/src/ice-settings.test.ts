import type { PeerId } from '@swarmdrop/protocol'
import { describe, expect, it } from 'vitest'

import { nodeHmacSha1 } from './hmac.ts'
import {
  DEFAULT_STUN_URLS,
  DEFAULT_TURN_TTL_S,
  type IceSettings,
  iceConfigFor,
  iceSettingsFromEnv,
  mintTurnCredentials,
} from './ice-settings.ts'

const PEER = 'abc' as PeerId
const TURN = 'turn:turn.example.org:3478?transport=udp,turns:turn.example.org:443?transport=tcp'

/** The error message iceSettingsFromEnv throws for `env`, or 'no error'. */
function errorFor(env: Record<string, string>): string {
  try {
    iceSettingsFromEnv(env)
    return 'no error'
  } catch (error: unknown) {
    return error instanceof Error ? `${error.name}: ${error.message}` : 'not an Error'
  }
}

describe('minting TURN credentials', () => {
  it('[IC-3] matches a vector computed with openssl', () => {
    // printf '%s' '1700000000:abc' | openssl dgst -sha1 -hmac north -binary | base64
    const minted = mintTurnCredentials('north', PEER, 1_699_913_600_000, 86_400, nodeHmacSha1)
    expect(minted).toEqual({
      username: '1700000000:abc',
      credential: 'g5HTmCBrPDhYXFpM/1dHUtfE+c4=',
      expiresAt: 1_700_000_000_000,
    })
  })

  it('[IC-3] counts the expiry from the whole second, so the username is what coturn parses', () => {
    const minted = mintTurnCredentials('north', PEER, 1_699_999_940_999, 60, nodeHmacSha1)
    expect(minted.username).toBe('1700000000:abc')
    expect(minted.credential).toBe('g5HTmCBrPDhYXFpM/1dHUtfE+c4=')
  })

  it('[IC-4] mints with the first of several secrets', () => {
    const settings = iceSettingsFromEnv({
      STUN_URLS: '',
      TURN_URLS: 'turn:turn.example.org',
      TURN_SECRET: 'north, south',
      TURN_TTL_S: '86400',
    })
    const config = iceConfigFor(settings, PEER, 1_699_913_600_000, nodeHmacSha1)
    expect(config.iceServers).toEqual([
      {
        urls: ['turn:turn.example.org'],
        username: '1700000000:abc',
        credential: 'g5HTmCBrPDhYXFpM/1dHUtfE+c4=',
      },
    ])
  })

  it('[IC-5] each request mints anew: a later one expires TTL after its own time', () => {
    const settings = iceSettingsFromEnv({ TURN_URLS: TURN, TURN_SECRET: 'north' })
    const first = iceConfigFor(settings, PEER, 1_700_000_000_000, nodeHmacSha1)
    const later = iceConfigFor(settings, PEER, 1_700_050_000_000, nodeHmacSha1)
    expect(first.expiresAt).toBe(1_700_000_000_000 + DEFAULT_TURN_TTL_S * 1_000)
    expect(later.expiresAt).toBe(1_700_050_000_000 + DEFAULT_TURN_TTL_S * 1_000)
    expect(later.iceServers.at(-1)?.credential).not.toBe(first.iceServers.at(-1)?.credential)
  })

  it('[IC-7] the secret itself is in no configuration handed out', () => {
    const secret = 'a-long-lived-secret'
    const settings = iceSettingsFromEnv({ TURN_URLS: TURN, TURN_SECRET: `${secret},older` })
    const json = JSON.stringify(iceConfigFor(settings, PEER, 1_700_000_000_000, nodeHmacSha1))
    expect(json).not.toContain(secret)
    expect(json).not.toContain('older')
  })
})

describe('ICE settings from the environment', () => {
  it('[IC-2] STUN_URLS unset gives the public default; empty gives none', () => {
    expect(iceSettingsFromEnv({})).toEqual({ stunUrls: DEFAULT_STUN_URLS, turn: null })
    expect(iceSettingsFromEnv({ STUN_URLS: '' })).toEqual({ stunUrls: [], turn: null })
    expect(iceSettingsFromEnv({ STUN_URLS: ' ' })).toEqual({ stunUrls: [], turn: null })
    expect(DEFAULT_STUN_URLS.length).toBeGreaterThanOrEqual(2)
  })

  it('[IC-2] a STUN list is split on commas and trimmed', () => {
    const settings = iceSettingsFromEnv({ STUN_URLS: ' stun:a.example:3478 , stuns:b.example,' })
    expect(settings.stunUrls).toEqual(['stun:a.example:3478', 'stuns:b.example'])
    const config = iceConfigFor(settings, PEER, 0, nodeHmacSha1)
    expect(config).toEqual({
      iceServers: [{ urls: ['stun:a.example:3478', 'stuns:b.example'] }],
      relayAvailable: false,
      expiresAt: null,
    })
  })

  it('[IC-1] no servers at all is an empty list, not an empty server', () => {
    expect(iceConfigFor({ stunUrls: [], turn: null }, PEER, 0, nodeHmacSha1)).toEqual({
      iceServers: [],
      relayAvailable: false,
      expiresAt: null,
    })
  })

  it('[IC-3] TURN_SECRET mints; TURN_TTL_S defaults to a day', () => {
    const settings = iceSettingsFromEnv({ STUN_URLS: '', TURN_URLS: TURN, TURN_SECRET: 'north' })
    expect(settings.turn).toEqual({
      urls: TURN.split(','),
      auth: { kind: 'secret', secrets: ['north'], ttlS: 86_400 },
    })
    const config = iceConfigFor(settings, PEER, 0, nodeHmacSha1)
    expect(config.relayAvailable).toBe(true)
    expect(config.expiresAt).toBe(86_400_000)
  })

  it('[IC-3] TURN_USERNAME + TURN_CREDENTIAL are handed out as they are and never expire', () => {
    const settings: IceSettings = iceSettingsFromEnv({
      STUN_URLS: 'stun:stun.example.org',
      TURN_URLS: 'turn:relay.example.com:80',
      TURN_USERNAME: 'swarmdrop',
      TURN_CREDENTIAL: 'pass word',
    })
    expect(iceConfigFor(settings, PEER, 0, nodeHmacSha1)).toEqual({
      iceServers: [
        { urls: ['stun:stun.example.org'] },
        { urls: ['turn:relay.example.com:80'], username: 'swarmdrop', credential: 'pass word' },
      ],
      relayAvailable: true,
      expiresAt: null,
    })
  })

  it('[IC-6] refuses bad or contradictory values with a message naming the variable', () => {
    const cases: [Record<string, string>, string][] = [
      [{ STUN_URLS: 'stun://x.example' }, 'STUN_URLS: "stun://x.example" is not a stun:'],
      [{ STUN_URLS: 'stun:x.example:99999' }, 'STUN_URLS: "stun:x.example:99999" has a port'],
      [{ STUN_URLS: 'turn:x.example' }, 'STUN_URLS takes only stun: or stuns: URLs'],
      [{ TURN_URLS: 'stun:x.example', TURN_SECRET: 's' }, 'TURN_URLS takes only turn: or turns:'],
      [{ TURN_URLS: 'turn:x.example?transport=quic', TURN_SECRET: 's' }, 'TURN_URLS: "turn:'],
      [{ TURN_URLS: 'turn:x.example' }, 'TURN_URLS is set but no credentials'],
      [{ TURN_SECRET: 's' }, 'TURN_URLS is empty'],
      [{ TURN_USERNAME: 'u', TURN_CREDENTIAL: 'c' }, 'TURN_URLS is empty'],
      [{ TURN_URLS: 'turn:x.example', TURN_USERNAME: 'u' }, 'must be set together'],
      [{ TURN_URLS: 'turn:x.example', TURN_CREDENTIAL: 'c' }, 'must be set together'],
      [
        { TURN_URLS: 'turn:x.example', TURN_SECRET: 's', TURN_USERNAME: 'u', TURN_CREDENTIAL: 'c' },
        'not both',
      ],
      [{ TURN_URLS: 'turn:x.example', TURN_SECRET: 's', TURN_TTL_S: '59' }, 'TURN_TTL_S must be'],
      [{ TURN_URLS: 'turn:x.example', TURN_SECRET: 's', TURN_TTL_S: '1.5' }, 'TURN_TTL_S must be'],
      [{ TURN_URLS: 'turn:x.example', TURN_SECRET: 's', TURN_TTL_S: 'day' }, 'TURN_TTL_S must be'],
      [
        { TURN_URLS: 'turn:x.example', TURN_SECRET: 's', TURN_TTL_S: '604801' },
        'TURN_TTL_S must be',
      ],
      [
        { TURN_URLS: 'turn:x.example', TURN_USERNAME: 'u', TURN_CREDENTIAL: 'c', TURN_TTL_S: '60' },
        'TURN_TTL_S applies only',
      ],
    ]
    for (const [env, message] of cases) {
      const error = errorFor(env)
      expect(error, JSON.stringify(env)).toContain(message)
      expect(error).toMatch(/^IceSettingsError: /)
      expect(error).not.toContain('\n')
    }
    expect(errorFor({ TURN_URLS: 'turn:x.example', TURN_SECRET: 's', TURN_TTL_S: '60' })).toBe(
      'no error',
    )
  })
})
