import { describe, expect, it } from 'vitest'

import { MAX_SIGNAL_BYTES } from './events.ts'
import { MAX_NUM_WANT, parseAnnounce, parseIceConfig, parseLeave, parseSignal } from './validate.ts'

const SWARM = '0123456789abcdef'.repeat(4)
const GARBAGE: unknown[] = [undefined, null, 0, 'announce', [], [SWARM], true]

describe('parseAnnounce', () => {
  it('[TR-2] accepts a well-formed announce and keeps only known fields', () => {
    const parsed = parseAnnounce({ swarmId: SWARM, seeding: true, numWant: 30, peerId: 'me' })
    expect(parsed).toEqual({ ok: true, value: { swarmId: SWARM, seeding: true, numWant: 30 } })
  })

  it('[TR-10] rejects non-objects', () => {
    for (const input of GARBAGE) {
      expect(parseAnnounce(input).ok).toBe(false)
    }
  })

  it('[TR-10] rejects a swarm id that is not 64 lowercase hex digits', () => {
    for (const swarmId of [SWARM.toUpperCase(), SWARM.slice(1), `${SWARM}0`, 'g'.repeat(64), 7]) {
      const parsed = parseAnnounce({ swarmId, seeding: false, numWant: 1 })
      expect(parsed).toEqual({ ok: false, message: expect.stringContaining('swarmId') })
    }
  })

  it('[TR-10] rejects numWant outside the integers 0..MAX_NUM_WANT', () => {
    for (const numWant of [-1, 1.5, MAX_NUM_WANT + 1, Number.NaN, Infinity, '5', null]) {
      const parsed = parseAnnounce({ swarmId: SWARM, seeding: false, numWant })
      expect(parsed).toEqual({ ok: false, message: expect.stringContaining('numWant') })
    }
    expect(parseAnnounce({ swarmId: SWARM, seeding: false, numWant: 0 }).ok).toBe(true)
    expect(parseAnnounce({ swarmId: SWARM, seeding: false, numWant: MAX_NUM_WANT }).ok).toBe(true)
  })

  it('[TR-10] rejects a non-boolean seeding flag', () => {
    for (const seeding of [1, 'true', undefined]) {
      const parsed = parseAnnounce({ swarmId: SWARM, seeding, numWant: 1 })
      expect(parsed).toEqual({ ok: false, message: expect.stringContaining('seeding') })
    }
  })

  it('[TR-10] ignores fields inherited from a prototype', () => {
    const input = Object.create({ swarmId: SWARM, seeding: true, numWant: 1 }) as object
    expect(parseAnnounce(input).ok).toBe(false)
  })
})

describe('parseSignal', () => {
  const offer = { type: 'offer', sdp: 'v=0\r\n' }

  it('[TR-5] accepts a signal and drops a client-written from', () => {
    const parsed = parseSignal({ swarmId: SWARM, to: 'Peer_B-1', data: offer, from: 'forged' })
    expect(parsed).toEqual({ ok: true, value: { swarmId: SWARM, to: 'Peer_B-1', data: offer } })
  })

  it('[TR-10] rejects non-objects and a bad target peer id', () => {
    for (const input of GARBAGE) {
      expect(parseSignal(input).ok).toBe(false)
    }
    for (const to of ['', 'a'.repeat(65), 'has space', 'slash/', 42, undefined]) {
      const parsed = parseSignal({ swarmId: SWARM, to, data: offer })
      expect(parsed).toEqual({ ok: false, message: expect.stringContaining('to') })
    }
  })

  it('[TR-5] bounds the size of data at MAX_SIGNAL_BYTES JSON characters', () => {
    // JSON.stringify adds the two quotes around a string.
    const fits = 'x'.repeat(MAX_SIGNAL_BYTES - 2)
    expect(parseSignal({ swarmId: SWARM, to: 'b', data: fits }).ok).toBe(true)
    const tooBig = parseSignal({ swarmId: SWARM, to: 'b', data: `${fits}x` })
    expect(tooBig).toEqual({ ok: false, message: expect.stringContaining('at most') })
  })

  it('[TR-10] rejects data that has no JSON form, without throwing', () => {
    const cyclic: Record<string, unknown> = {}
    cyclic['self'] = cyclic
    for (const data of [undefined, cyclic, 10n, () => 1]) {
      expect(parseSignal({ swarmId: SWARM, to: 'b', data }).ok).toBe(false)
    }
  })
})

describe('parseLeave', () => {
  it('[TR-9] accepts a swarm id', () => {
    expect(parseLeave({ swarmId: SWARM, extra: 1 })).toEqual({
      ok: true,
      value: { swarmId: SWARM },
    })
  })

  it('[TR-10] rejects garbage', () => {
    for (const input of [...GARBAGE, {}, { swarmId: 'abc' }]) {
      expect(parseLeave(input).ok).toBe(false)
    }
  })
})

describe('parseIceConfig', () => {
  const good = {
    iceServers: [
      { urls: ['stun:stun.example.org:3478'] },
      {
        urls: ['turn:turn.example.org:3478?transport=udp', 'turns:turn.example.org:443'],
        username: '1700000000:abc',
        credential: 'g5HTmCBrPDhYXFpM/1dHUtfE+c4=',
      },
    ],
    relayAvailable: true,
    expiresAt: 1_700_000_000_000,
  }

  it('[IC-8] accepts a well-formed config and drops unknown fields', () => {
    const parsed = parseIceConfig({ ...good, secret: 'north', iceServers: [...good.iceServers] })
    expect(parsed).toEqual({ ok: true, value: good })
    expect(parseIceConfig({ iceServers: [], relayAvailable: false, expiresAt: null })).toEqual({
      ok: true,
      value: { iceServers: [], relayAvailable: false, expiresAt: null },
    })
  })

  it('[IC-8] refuses what RTCPeerConnection would throw on, or what is not a config', () => {
    const turnOnly = { urls: ['turn:turn.example.org'] }
    const bad: unknown[] = [
      ...GARBAGE,
      { ...good, iceServers: 'stun:x' },
      { ...good, iceServers: [{ urls: ['stun://x'] }] },
      { ...good, iceServers: [{ urls: [] }] },
      { ...good, iceServers: [{ urls: 'stun:x' }] },
      { ...good, iceServers: [turnOnly] },
      { ...good, iceServers: [{ ...turnOnly, username: 'u' }] },
      { ...good, iceServers: [{ ...turnOnly, username: 'u', credential: 7 }] },
      { ...good, iceServers: Array.from({ length: 17 }, () => ({ urls: ['stun:x'] })) },
      { ...good, iceServers: [{ urls: ['stun:x'], username: 'u'.repeat(1025) }] },
      { ...good, relayAvailable: 'yes' },
      { ...good, expiresAt: -1 },
      { ...good, expiresAt: 1.5 },
      { ...good, expiresAt: undefined },
    ]
    for (const input of bad) {
      expect(parseIceConfig(input).ok, JSON.stringify(input)).toBe(false)
    }
  })
})
