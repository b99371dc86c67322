/**
 * A tracker restart over real WebRTC (@roamhq/wrtc): the peer connections outlive the tracker,
 * and re-announcing afterwards must not connect the same two peers a second time (SPEC TR-1).
 */
import * as wrtc from '@roamhq/wrtc'
import type { EngineEvent } from '@swarmdrop/engine'
import { MemoryChunkStore, SeededRandom, describeBytes } from '@swarmdrop/testkit'
import { type TrackerServer, createTrackerServer } from '@swarmdrop/tracker'
import { afterEach, describe, expect, it } from 'vitest'

import { type WebRtcEngine, createWebRtcEngine } from './create-webrtc-engine.ts'

const MiB = 1024 * 1024
let server: TrackerServer | null = null
const engines: WebRtcEngine[] = []

afterEach(async () => {
  // @roamhq/wrtc can crash the process at exit if peer connections are still open.
  for (const engine of engines.splice(0)) {
    await engine.destroy()
  }
  await server?.close()
  server = null
})

function start(url: string, downloadLimitBps = 0): { peer: WebRtcEngine; events: EngineEvent[] } {
  const peer = createWebRtcEngine({
    trackerUrl: url,
    wrtc,
    downloadLimitBps,
    config: { rechokeIntervalMs: 1_000, optimisticIntervalMs: 2_000 },
  })
  engines.push(peer)
  const events: EngineEvent[] = []
  peer.engine.onEvent((event) => events.push(event))
  return { peer, events }
}

const until = async (condition: () => boolean, timeoutMs: number): Promise<void> => {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`condition not reached within ${timeoutMs} ms`)
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe('a tracker restart (real tracker, real WebRTC)', () => {
  it('[TR-1][TR-11] peers keep their ids across it, so they do not connect to each other twice', async () => {
    server = await createTrackerServer({ port: 0, host: '127.0.0.1', announceIntervalMs: 1_000 })
    const port = Number(new URL(server.url).port)
    const data = new SeededRandom(5).bytes(4 * MiB)
    const { metadata, swarmId } = await describeBytes(data)
    const seeder = start(server.url)
    await seeder.peer.engine.seed(metadata, MemoryChunkStore.fromBytes(metadata, data))
    // Slow, so it is still downloading (and wanting neighbours) across the restart.
    const leecher = start(server.url, 256 * 1024)
    leecher.peer.engine.download(swarmId, (m) => new MemoryChunkStore(m))
    const connected = () => leecher.events.filter((e) => e.type === 'peer-connected').length
    await until(() => connected() === 1, 20_000)
    const seederId = seeder.peer.engine.peerId()

    await server.close()
    const statuses = (events: EngineEvent[]) =>
      events.flatMap((e) => (e.type === 'tracker-status' ? [e.status] : []))
    await until(() => statuses(leecher.events).at(-1) !== 'connected', 10_000)
    server = await createTrackerServer({ port, host: '127.0.0.1', announceIntervalMs: 1_000 })
    // Both are back, on a tracker that never saw them before.
    await until(
      () => [seeder, leecher].every(({ events }) => statuses(events).at(-1) === 'connected'),
      30_000,
    )
    expect(seeder.peer.engine.peerId()).toBe(seederId)
    // Several announce intervals later, still the one connection.
    await new Promise((resolve) => setTimeout(resolve, 4_000))
    expect(connected()).toBe(1)
    expect(leecher.peer.engine.swarm(swarmId)?.isComplete()).toBe(false)
  }, 90_000)
})
