import * as wrtc from '@roamhq/wrtc'
import type { SwarmSize, TrackerStatus } from '@swarmdrop/engine'
import type { DiscoveryId, PeerId } from '@swarmdrop/protocol'
import { type TrackerServer, createTrackerServer } from '@swarmdrop/tracker'
import { afterEach, describe, expect, it } from 'vitest'

import { type SocketTracker, createSocketTracker } from './socket-tracker.ts'
import { type WebRtcTransport, createWebRtcTransport } from './webrtc-transport.ts'

const SWARM = 'cd'.repeat(32) as DiscoveryId

const servers: TrackerServer[] = []
const clients: SocketTracker[] = []
const transports: WebRtcTransport[] = []

async function startServer(port = 0): Promise<TrackerServer> {
  const server = await createTrackerServer({ port, host: '127.0.0.1' })
  servers.push(server)
  return server
}

function connect(url: string): SocketTracker {
  // Short back-off so the reconnection test does not wait for the production delays.
  const tracker = createSocketTracker({
    url,
    socketOptions: { reconnectionDelay: 50, reconnectionDelayMax: 200 },
  })
  clients.push(tracker)
  return tracker
}

function statusBecomes(tracker: SocketTracker, wanted: TrackerStatus): Promise<void> {
  if (tracker.status() === wanted) {
    return Promise.resolve()
  }
  return new Promise((resolve) => {
    const unsubscribe = tracker.onStatus((status) => {
      if (status === wanted) {
        unsubscribe()
        resolve()
      }
    })
  })
}

const announce = (tracker: SocketTracker, seeding: boolean) =>
  tracker.announce({ discoveryId: SWARM, seeding, numWant: 30 })

afterEach(async () => {
  for (const transport of transports.splice(0)) {
    transport.destroy()
  }
  for (const client of clients.splice(0)) {
    client.close()
  }
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

describe('createSocketTracker against the real tracker', () => {
  it('[TR-2] announces, learns its peer id and the other members', async () => {
    const server = await startServer()
    const seeder = connect(server.url)
    const leecher = connect(server.url)
    expect(seeder.selfId()).toBeNull()
    await Promise.all([statusBecomes(seeder, 'connected'), statusBecomes(leecher, 'connected')])

    const first = await announce(seeder, true)
    const second = await announce(leecher, false)

    expect(seeder.selfId()).toBe(first.peerId)
    expect(leecher.selfId()).toBe(second.peerId)
    expect(first.peers).toEqual([])
    expect(second.peers).toEqual([first.peerId])
    expect(second).toMatchObject({ seeders: 1, leechers: 1 })
    expect(second.intervalMs).toBeGreaterThan(0)
  })

  it('[TR-8] reports swarm size changes to members', async () => {
    const server = await startServer()
    const seeder = connect(server.url)
    const leecher = connect(server.url)
    await Promise.all([statusBecomes(seeder, 'connected'), statusBecomes(leecher, 'connected')])
    await announce(seeder, true)
    const sizes: SwarmSize[] = []
    const twoMembers = new Promise<void>((resolve) =>
      seeder.onSwarmSize((swarmId, size) => {
        expect(swarmId).toBe(SWARM)
        sizes.push(size)
        if (size.leechers === 1) {
          resolve()
        }
      }),
    )

    await announce(leecher, false)
    await twoMembers

    expect(sizes.at(-1)).toEqual({ seeders: 1, leechers: 1 })
  })

  it('[TR-5] relays a signal to its target with the sender as `from`', async () => {
    const server = await startServer()
    const a = connect(server.url)
    const b = connect(server.url)
    await Promise.all([statusBecomes(a, 'connected'), statusBecomes(b, 'connected')])
    const { peerId: aId } = await announce(a, true)
    const { peerId: bId } = await announce(b, false)
    const received = new Promise<[DiscoveryId, PeerId, unknown]>((resolve) =>
      a.onSignal((...args) => resolve(args)),
    )

    b.sendSignal(SWARM, aId, { kind: 'dial-request' })

    expect(await received).toEqual([SWARM, bId, { kind: 'dial-request' }])
  })

  it('[NET-5] a dial to a peer the tracker does not know fails at once, ERR_PEER_UNREACHABLE', async () => {
    const server = await startServer()
    const a = connect(server.url)
    await statusBecomes(a, 'connected')
    await announce(a, true)
    // A long connect timeout: only the tracker's refusal can end the dial within the test.
    const ta = createWebRtcTransport({ signals: a, wrtc, connectTimeoutMs: 60_000 })
    transports.push(ta)
    const refused: string[] = []
    a.sendSignal(SWARM, 'no-such-peer' as PeerId, { kind: 'dial-request' }, (code) =>
      refused.push(code),
    )

    await expect(ta.dial(SWARM, 'zz-gone' as PeerId)).rejects.toMatchObject({
      code: 'ERR_PEER_UNREACHABLE',
    })
    await expect(ta.dial(SWARM, '00-gone' as PeerId)).rejects.toMatchObject({
      code: 'ERR_PEER_UNREACHABLE',
    })
    expect(refused).toEqual(['ERR_UNKNOWN_PEER'])
  })

  it('[TR-7] two WebRTC transports connect through the tracker', async () => {
    const server = await startServer()
    const a = connect(server.url)
    const b = connect(server.url)
    await Promise.all([statusBecomes(a, 'connected'), statusBecomes(b, 'connected')])
    await announce(a, true)
    const { peers } = await announce(b, false)
    const ta = createWebRtcTransport({ signals: a, wrtc })
    const tb = createWebRtcTransport({ signals: b, wrtc })
    transports.push(ta, tb)
    const accepted = new Promise<PeerId>((resolve) => ta.onIncoming((_s, peer) => resolve(peer)))

    const channel = await tb.dial(SWARM, peers[0] as PeerId)

    expect(await accepted).toBe(b.selfId())
    expect(channel.bufferedAmount).toBe(0)
  })

  it('[TR-1][TR-11] reports reconnecting while the tracker is down and connected once it is back, under the same id', async () => {
    const server = await startServer()
    const tracker = connect(server.url)
    await statusBecomes(tracker, 'connected')
    const { peerId: before } = await announce(tracker, true)
    const statuses: TrackerStatus[] = []
    tracker.onStatus((status) => statuses.push(status))

    await server.close()
    await statusBecomes(tracker, 'reconnecting')
    expect(tracker.selfId()).toBeNull()
    await expect(announce(tracker, true)).rejects.toMatchObject({
      code: 'ERR_TRACKER_UNREACHABLE',
    })

    await startServer(server.port)
    await statusBecomes(tracker, 'connected')
    const { peerId: after } = await announce(tracker, true)

    expect(statuses[0]).toBe('reconnecting')
    expect(statuses.at(-1)).toBe('connected')
    // SPEC TR-1: a restarted tracker, which never saw us, derives the same id from our identity.
    expect(after).toBe(before)
    expect(tracker.selfId()).toBe(after)
    // Another client's is its own.
    const other = connect(server.url)
    await statusBecomes(other, 'connected')
    expect((await announce(other, true)).peerId).not.toBe(before)
  })

  it('rejects an announce the tracker refuses, with its error code', async () => {
    const server = await startServer()
    const tracker = connect(server.url)
    await statusBecomes(tracker, 'connected')

    await expect(
      tracker.announce({ discoveryId: 'not-a-swarm' as DiscoveryId, seeding: true, numWant: 1 }),
    ).rejects.toMatchObject({ code: 'ERR_INVALID_PAYLOAD' })
  })
})
