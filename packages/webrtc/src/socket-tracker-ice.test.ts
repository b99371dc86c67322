/** SPEC IC-1, IC-5, IC-8: the client side of the tracker's ICE configuration, over real sockets. */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

import type { DiscoveryId, Logger } from '@swarmdrop/protocol'
import type { IceConfigPayload } from '@swarmdrop/signaling'
import { ManualClock } from '@swarmdrop/testkit'
import { type TrackerServer, createTrackerServer } from '@swarmdrop/tracker'
import { Server } from 'socket.io'
import { afterEach, describe, expect, it } from 'vitest'

import { ICE_RENEW_FRACTION, type SocketTracker, createSocketTracker } from './socket-tracker.ts'

const T0 = 1_700_000_000_000
const TTL_S = 3_600
const TURN = {
  urls: ['turn:turn.example.org:3478'],
  auth: { kind: 'secret', secrets: ['north'], ttlS: TTL_S },
} as const

const closers: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) {
    await close()
  }
})

/** A tracker minting on the test's clock, and a client reading the same clock. */
async function world(limits: { iceConfigs?: { points: number; seconds: number } } = {}) {
  const clock = new ManualClock(T0)
  const server: TrackerServer = await createTrackerServer({
    port: 0,
    host: '127.0.0.1',
    ice: { stunUrls: ['stun:stun.example.org'], turn: TURN },
    now: () => clock.now(),
    limits,
  })
  closers.push(() => server.close())
  const tracker = createSocketTracker({ url: server.url, clock, now: () => clock.now() })
  closers.push(() => tracker.close())
  return { clock, server, tracker }
}

/** The next config the tracker hands `tracker`. */
const nextConfig = (tracker: SocketTracker): Promise<IceConfigPayload> =>
  new Promise((resolve) => {
    const unsubscribe = tracker.onIceConfig((config) => {
      unsubscribe()
      resolve(config)
    })
  })

const turnUser = (config: IceConfigPayload | null): string =>
  config?.iceServers.at(-1)?.username ?? ''

/** A logger whose warnings land in `warnings`. */
function recordingLogger(): { logger: Logger; warnings: string[] } {
  const warnings: string[] = []
  return { logger: { debug: () => {}, warn: (message) => warnings.push(message) }, warnings }
}

describe('the tracker client and ICE configuration', () => {
  it('[IC-1] holds the config the tracker sends on connection, minted for its peer id', async () => {
    const { tracker } = await world()
    expect(tracker.iceConfig()).toBeNull()
    const config = await nextConfig(tracker)
    const { peerId } = await tracker.announce({
      discoveryId: 'ab'.repeat(32) as DiscoveryId,
      seeding: true,
      numWant: 1,
    })

    expect(tracker.iceConfig()).toEqual(config)
    expect(config).toMatchObject({ relayAvailable: true, expiresAt: T0 + TTL_S * 1_000 })
    expect(config.iceServers[0]).toEqual({ urls: ['stun:stun.example.org'] })
    expect(turnUser(config)).toBe(`${T0 / 1_000 + TTL_S}:${peerId}`)
  })

  it('[IC-5] renews by itself once 80 % of the lifetime is gone, and again after that', async () => {
    const { clock, tracker } = await world()
    await nextConfig(tracker)
    const firstRenewalMs = TTL_S * 1_000 * ICE_RENEW_FRACTION

    // Just before the renewal is due nothing is asked, so the config stays the first one.
    await clock.advance(firstRenewalMs - 1_000)
    expect(tracker.iceConfig()?.expiresAt).toBe(T0 + TTL_S * 1_000)

    const renewed = nextConfig(tracker)
    await clock.advance(1_000)
    // Minted at exactly T0 + 80 % of the TTL: the tracker's clock is the test's.
    expect((await renewed).expiresAt).toBe(T0 + firstRenewalMs + TTL_S * 1_000)
    expect(turnUser(await renewed)).not.toBe('')

    const again = nextConfig(tracker)
    await clock.advance(firstRenewalMs)
    expect((await again).expiresAt).toBe(T0 + 2 * firstRenewalMs + TTL_S * 1_000)
  })

  it('[IC-5] refreshIceConfig asks now; calls made meanwhile share one request', async () => {
    const { clock, tracker } = await world({ iceConfigs: { points: 1, seconds: 60 } })
    await nextConfig(tracker)
    await clock.advance(60_000)

    const [a, b] = await Promise.all([tracker.refreshIceConfig(), tracker.refreshIceConfig()])
    expect(a).toEqual(b)
    expect(a.expiresAt).toBe(T0 + 60_000 + TTL_S * 1_000)
    expect(tracker.iceConfig()).toEqual(a)
    // The one point was spent on the shared request; the next is refused, with the code.
    await expect(tracker.refreshIceConfig()).rejects.toMatchObject({ code: 'ERR_RATE_LIMITED' })
  })

  it('[IC-5] close() cancels the renewal timer; a closed client asks nothing', async () => {
    const { clock, tracker } = await world()
    await nextConfig(tracker)
    expect(clock.nextDue()).toBe(T0 + TTL_S * 1_000 * ICE_RENEW_FRACTION)
    tracker.close()
    expect(clock.nextDue()).toBeNull()
    await expect(tracker.refreshIceConfig()).rejects.toMatchObject({
      code: 'ERR_TRACKER_UNREACHABLE',
    })
  })

  it('[IC-8] a hostile tracker’s malformed config is ignored with a warning, never used', async () => {
    // Not our tracker: a bare Socket.IO server that sends whatever this test wants.
    const http = createServer()
    const io = new Server(http)
    const good: IceConfigPayload = {
      iceServers: [{ urls: ['stun:ok.example'] }],
      relayAvailable: false,
      expiresAt: null,
    }
    io.on('connection', (socket) => {
      socket.emit('ice-config', {
        iceServers: [{ urls: ['javascript:alert(1)'] }],
        relayAvailable: false,
        expiresAt: null,
      })
      socket.emit('ice-config', good)
      socket.emit('ice-config', {
        iceServers: [{ urls: ['turn:no-credentials.example'] }],
        relayAvailable: true,
        expiresAt: null,
      })
      socket.emit('ice-config', 'garbage')
      socket.on('ice-config', (ack: (reply: unknown) => void) => ack({ iceServers: 7 }))
    })
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
    closers.push(() => new Promise<void>((resolve) => void io.close(() => resolve())))
    const { logger, warnings } = recordingLogger()
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`
    const tracker = createSocketTracker({ url, logger })
    closers.push(() => tracker.close())

    const accepted: IceConfigPayload[] = []
    tracker.onIceConfig((config) => accepted.push(config))
    await expect.poll(() => warnings.length).toBe(3)
    expect(accepted).toEqual([good])
    expect(tracker.iceConfig()).toEqual(good)
    await expect(tracker.refreshIceConfig()).rejects.toMatchObject({ code: 'ERR_TRACKER_REPLY' })
    expect(tracker.iceConfig()).toEqual(good)
    expect(warnings.every((warning) => warning.includes('malformed ice-config'))).toBe(true)
  })
})
