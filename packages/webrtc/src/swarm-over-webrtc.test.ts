import { createHash } from 'node:crypto'

import * as wrtc from '@roamhq/wrtc'
import type { Engine, EngineEvent } from '@swarmdrop/engine'
import type { SwarmId } from '@swarmdrop/protocol'
import { MemoryChunkStore, SeededRandom, describeBytes, readAll } from '@swarmdrop/testkit'
import { type TrackerServer, createTrackerServer } from '@swarmdrop/tracker'
import { afterEach, describe, expect, it } from 'vitest'

import { createWebRtcEngine } from './create-webrtc-engine.ts'
import { until } from './test-support.ts'

/** A whole peer as a browser tab runs it, minus the UI: real tracker socket, real WebRTC. */
interface NodePeer {
  readonly peerId: string
  readonly engine: Engine
  readonly events: EngineEvent[]
  destroy(): Promise<void>
}

const MiB = 1024 * 1024
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex')

let server: TrackerServer | null = null
const peers: NodePeer[] = []

afterEach(async () => {
  // @roamhq/wrtc can crash the process at exit if peer connections are still open.
  for (const peer of peers.splice(0)) {
    await peer.destroy()
  }
  await server?.close()
  server = null
})

/** @param downloadLimitBps caps what it receives (0: no cap), to keep a download going */
function startPeer(url: string, downloadLimitBps = 0): NodePeer {
  const { engine, destroy } = createWebRtcEngine({
    trackerUrl: url,
    wrtc,
    downloadLimitBps,
    config: { rechokeIntervalMs: 1_000, optimisticIntervalMs: 2_000, requestTimeoutMs: 5_000 },
  })
  const events: EngineEvent[] = []
  engine.onEvent((event) => events.push(event))
  const peer: NodePeer = { peerId: `peer ${peers.length}`, engine, events, destroy }
  peers.push(peer)
  return peer
}

function whenComplete(peer: NodePeer, swarmId: SwarmId): Promise<void> {
  return new Promise((resolve) => {
    if (peer.engine.swarm(swarmId)?.isComplete()) {
      resolve()
      return
    }
    const unsubscribe = peer.engine.onEvent((event) => {
      if (event.type === 'complete' && event.swarmId === swarmId) {
        unsubscribe()
        resolve()
      }
    })
  })
}

describe('whole peers over real WebRTC (@roamhq/wrtc) and the real tracker', () => {
  it('[EN-1][TR-7] one seeder and two leechers finish byte-identical', async () => {
    server = await createTrackerServer({ port: 0, host: '127.0.0.1' })
    const data = new SeededRandom(1).bytes(3 * MiB + 1_000)
    const { metadata, swarmId } = await describeBytes(data)
    const seeder = startPeer(server.url)
    await seeder.engine.seed(metadata, MemoryChunkStore.fromBytes(metadata, data))
    const leechers = [startPeer(server.url), startPeer(server.url)]
    for (const leecher of leechers) {
      leecher.engine.download(swarmId, (m) => new MemoryChunkStore(m))
    }
    await Promise.all(leechers.map((leecher) => whenComplete(leecher, swarmId)))
    for (const leecher of leechers) {
      expect(sha256(await readAll(leecher, swarmId))).toBe(sha256(data))
    }
  }, 60_000)

  it('[EN-2] a peer serving corrupt pieces is shunned; the leecher still finishes', async () => {
    server = await createTrackerServer({ port: 0, host: '127.0.0.1' })
    const data = new SeededRandom(2).bytes(2 * MiB)
    const { metadata, swarmId } = await describeBytes(data)
    const honest = startPeer(server.url)
    // A slow honest seeder, so the liar certainly serves some pieces first.
    const slowStore = MemoryChunkStore.fromBytes(metadata, data)
    const read = slowStore.get.bind(slowStore)
    slowStore.get = async (...args) => {
      await new Promise((resolve) => setTimeout(resolve, 20))
      return read(...args)
    }
    await honest.engine.seed(metadata, slowStore)
    const liar = startPeer(server.url)
    await liar.engine.seed(
      metadata,
      MemoryChunkStore.fromBytes(metadata, data, () => true),
    )
    const leecher = startPeer(server.url)
    leecher.engine.download(swarmId, (m) => new MemoryChunkStore(m))
    await whenComplete(leecher, swarmId)

    expect(sha256(await readAll(leecher, swarmId))).toBe(sha256(data))
    const liarId = liar.engine.peerId()
    const failed = leecher.events.filter((e) => e.type === 'piece-failed')
    const shunned = leecher.events.filter((e) => e.type === 'peer-shunned')
    expect(failed.length).toBeGreaterThan(0)
    expect(shunned.map((e) => (e.type === 'peer-shunned' ? e.peerId : null))).toContain(liarId)
    const disconnected = leecher.events.filter((e) => e.type === 'peer-disconnected')
    expect(disconnected.map((e) => (e.type === 'peer-disconnected' ? e.peerId : null))).toContain(
      liarId,
    )
  }, 60_000)

  it('[TR-1][TR-11] a tracker restart: peers keep their ids, so they do not connect to each other twice', async () => {
    server = await createTrackerServer({ port: 0, host: '127.0.0.1', announceIntervalMs: 1_000 })
    const port = Number(new URL(server.url).port)
    const data = new SeededRandom(5).bytes(4 * MiB)
    const { metadata, swarmId } = await describeBytes(data)
    const seeder = startPeer(server.url)
    await seeder.engine.seed(metadata, MemoryChunkStore.fromBytes(metadata, data))
    // Slow, so it is still downloading (and wanting neighbours) across the restart.
    const leecher = startPeer(server.url, 256 * 1024)
    leecher.engine.download(swarmId, (m) => new MemoryChunkStore(m))
    const connected = () => leecher.events.filter((e) => e.type === 'peer-connected').length
    expect(await until(() => connected() === 1, 20_000), 'first connection').toBe(true)
    const seederId = seeder.engine.peerId()

    await server.close()
    const statuses = (events: EngineEvent[]) =>
      events.flatMap((e) => (e.type === 'tracker-status' ? [e.status] : []))
    expect(await until(() => statuses(leecher.events).at(-1) !== 'connected', 10_000)).toBe(true)
    server = await createTrackerServer({ port, host: '127.0.0.1', announceIntervalMs: 1_000 })
    // Both are back, on a tracker that never saw them before.
    const back = () =>
      [seeder, leecher].every(({ events }) => statuses(events).at(-1) === 'connected')
    expect(await until(back, 30_000), 'both reconnected').toBe(true)
    expect(seeder.engine.peerId()).toBe(seederId)
    // Several announce intervals later, still the one connection.
    await new Promise((resolve) => setTimeout(resolve, 4_000))
    expect(connected()).toBe(1)
    expect(leecher.engine.swarm(swarmId)?.isComplete()).toBe(false)
  }, 90_000)
})
