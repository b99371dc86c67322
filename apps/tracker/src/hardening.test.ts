import { io } from 'socket.io-client'
import { describe, expect, it } from 'vitest'

import {
  announce,
  metricValue,
  scrapeMetrics,
  signal,
  swarm,
  worldPerTest,
} from './test-support.ts'

const start = worldPerTest()

const X = swarm('a')

describe('tracker limits', () => {
  it('[TR-13] a connection joins at most maxSwarmsPerSocket swarms', async () => {
    const { connect } = await start({ limits: { maxSwarmsPerSocket: 2 } })
    const alice = await connect()
    await alice.announce(swarm('1'))
    await alice.announce(swarm('2'))
    const third = await announce(alice.socket, { swarmId: swarm('3'), seeding: false, numWant: 1 })
    expect(third).toMatchObject({ ok: false, code: 'ERR_TOO_MANY_SWARMS' })
    // Re-announcing a swarm it is in is still fine, and leaving frees a slot.
    await alice.announce(swarm('2'))
    alice.socket.emit('leave', { swarmId: swarm('1') })
    await alice.announce(swarm('3'))
  })

  it('[TR-13] a swarm holds at most maxPeersPerSwarm peers', async () => {
    const { connect } = await start({ limits: { maxPeersPerSwarm: 2 } })
    await (await connect()).announce(X)
    const bob = await connect()
    await bob.announce(X)
    const carol = await connect()
    expect(await announce(carol.socket, { swarmId: X, seeding: false, numWant: 5 })).toMatchObject({
      ok: false,
      code: 'ERR_SWARM_FULL',
    })
    bob.close()
    await expect
      .poll(
        async () => (await announce(carol.socket, { swarmId: X, seeding: false, numWant: 5 })).ok,
      )
      .toBe(true)
  })

  it('[TR-14] announces and signals are rate limited per socket; a flooder is disconnected', async () => {
    const { server, connect } = await start({
      limits: {
        announces: { points: 3, seconds: 60 },
        signals: { points: 5, seconds: 60 },
        floodStrikes: 4,
      },
    })
    const alice = await connect()
    const bob = await connect()
    const bobId = await bob.announce(X)
    const aliceId = await alice.announce(X)
    await alice.announce(X)
    await alice.announce(X)
    // The refused announce is the first of floodStrikes + 1 refusals that end the connection.
    expect(await announce(alice.socket, { swarmId: X, seeding: false, numWant: 1 })).toMatchObject({
      ok: false,
      code: 'ERR_RATE_LIMITED',
    })
    for (let i = 0; i < 5; i++) {
      expect(await signal(alice.socket, { swarmId: X, to: bobId, data: i })).toEqual({ ok: true })
    }
    // Another socket's budget is its own.
    expect(await signal(bob.socket, { swarmId: X, to: aliceId, data: 'b' })).toEqual({ ok: true })
    const dropped = new Promise<void>((resolve) => alice.socket.once('disconnect', () => resolve()))
    for (let i = 0; i < 3; i++) {
      expect(await signal(alice.socket, { swarmId: X, to: bobId, data: 'x' })).toMatchObject({
        ok: false,
        code: 'ERR_RATE_LIMITED',
      })
    }
    alice.socket.emit('signal', { swarmId: X, to: bobId, data: 'last straw' })
    await dropped
    const metrics = await scrapeMetrics(server)
    expect(metricValue(metrics, 'swarmdrop_tracker_flood_disconnects_total')).toBe(1)
    expect(
      metricValue(metrics, 'swarmdrop_tracker_rejected_events_total', {
        event: 'signal',
        reason: 'rate-limited',
      }),
    ).toBe(4)
  })

  it('[TR-14] a page from another origin is refused unless allowed', async () => {
    const { server } = await start({ allowedOrigins: ['https://ok.example'] })
    const tryOrigin = (origin: string): Promise<boolean> =>
      new Promise((resolve) => {
        const socket = io(server.url, {
          transports: ['polling'],
          extraHeaders: { origin },
          reconnection: false,
          forceNew: true,
        })
        socket.once('connect', () => {
          socket.close()
          resolve(true)
        })
        socket.once('connect_error', () => {
          socket.close()
          resolve(false)
        })
      })
    expect(await tryOrigin('https://evil.example')).toBe(false)
    expect(await tryOrigin('https://ok.example')).toBe(true)
    expect(await tryOrigin(server.url)).toBe(true)
    const metrics = await scrapeMetrics(server)
    expect(
      metricValue(metrics, 'swarmdrop_tracker_rejected_events_total', {
        event: 'handshake',
        reason: 'origin',
      }),
    ).toBe(1)
  })
})

describe('tracker observability', () => {
  it('[TR-15] /healthz answers and /metrics counts sockets, swarms, peers, announces and relays', async () => {
    const { server, connect } = await start()
    expect(await (await fetch(`${server.url}/healthz`)).text()).toBe('ok')
    const alice = await connect()
    const bob = await connect()
    await alice.announce(X)
    await alice.announce(swarm('b'))
    const bobId = await bob.announce(X)
    await signal(alice.socket, { swarmId: X, to: bobId, data: 1 })
    await signal(alice.socket, { swarmId: X, to: 'nobody', data: 1 })
    const response = await fetch(`${server.url}/metrics`)
    expect(response.headers.get('content-type')).toContain('text/plain')
    const metrics = await response.text()
    expect(metricValue(metrics, 'swarmdrop_tracker_sockets')).toBe(2)
    expect(metricValue(metrics, 'swarmdrop_tracker_swarms')).toBe(2)
    expect(metricValue(metrics, 'swarmdrop_tracker_peers')).toBe(3)
    expect(metricValue(metrics, 'swarmdrop_tracker_announces_total')).toBe(3)
    expect(metricValue(metrics, 'swarmdrop_tracker_joins_total')).toBe(3)
    expect(metricValue(metrics, 'swarmdrop_tracker_signals_relayed_total')).toBe(1)
    expect(
      metricValue(metrics, 'swarmdrop_tracker_rejected_events_total', {
        event: 'signal',
        reason: 'unknown-peer',
      }),
    ).toBe(1)
  })

  it('[TR-15] closing tells every peer before disconnecting it', async () => {
    const { server, connect } = await start()
    const alice = await connect()
    await alice.announce(X)
    const told = new Promise<void>((resolve) =>
      alice.socket.once('tracker-shutdown', () => resolve()),
    )
    const dropped = new Promise<void>((resolve) => alice.socket.once('disconnect', () => resolve()))
    await server.close()
    await told
    await dropped
  })
})
