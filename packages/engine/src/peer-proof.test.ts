import type { DiscoveryId, PeerId, SwarmId, WireMessage } from '@swarmdrop/protocol'
import { decode, deriveSwarmKeys, discoveryIdOf, encode, makeProof } from '@swarmdrop/protocol'
import {
  FAST_TEST_CONFIG,
  MemoryChunkStore,
  SeededRandom,
  describeBytes,
  nodeCrypto,
  readAll,
  sha256Hex,
} from '@swarmdrop/testkit'
import type { TestPeer, TestSwarm } from '@swarmdrop/testkit'
import { describe, expect, it } from 'vitest'

import type { EngineEvent, SwarmStats } from './events.ts'
import type { Channel } from './interfaces.ts'
import { swarmPerTest } from './test-support.ts'

const newSwarm = swarmPerTest()
const KiB = 1024

const refusals = (peer: TestPeer) =>
  peer.events.filter(
    (e): e is Extract<EngineEvent, { type: 'peer-refused' }> => e.type === 'peer-refused',
  )

const hasMetadata = (peer: TestPeer, swarmId: SwarmId): boolean =>
  peer.engine.swarm(swarmId)?.metadata() !== null &&
  peer.engine.swarm(swarmId)?.metadata() !== undefined

/** The latest stats snapshot a peer's engine emitted for a swarm. */
function latestStats(peer: TestPeer): () => SwarmStats | null {
  let latest: SwarmStats | null = null
  peer.engine.onEvent((event) => {
    if (event.type === 'stats') {
      latest = event.stats
    }
  })
  return () => latest
}

async function seeded(swarm: TestSwarm, data: Uint8Array, password?: string) {
  const seeder = swarm.addPeer()
  const { metadata, swarmId } = await describeBytes(data, { name: 'secret-plans.pdf' })
  await seeder.engine.seed(
    metadata,
    MemoryChunkStore.fromBytes(metadata, data),
    password === undefined ? {} : { password },
  )
  return { seeder, swarmId }
}

/**
 * A peer that learned the discovery id (as the tracker does) and tries to use it as a swarm id:
 * it joins, handshakes, proves with keys derived from what it has, and asks for metadata and a
 * piece. Returns every message it received.
 */
async function rogue(
  swarm: TestSwarm,
  seeder: PeerId,
  discoveryId: DiscoveryId,
  guess: SwarmId,
): Promise<WireMessage[]> {
  const self = `rogue-${guess.slice(0, 6)}` as PeerId
  const transport = swarm.network.transport(self)
  const tracker = swarm.tracker.client(self)
  const received: WireMessage[] = []
  await tracker.announce({ discoveryId, seeding: false, numWant: 10 })
  const keys = await deriveSwarmKeys(guess, nodeCrypto)
  const nonce = new Uint8Array(32).fill(7)
  const listen = (channel: Channel): void => {
    channel.onMessage((bytes) => {
      // The engine sends one frame per channel message (the Channel contract).
      const message = decode(bytes)
      received.push(message)
      if (message.type === 'handshake') {
        void makeProof(
          keys.linkKey,
          {
            kind: 'link',
            sender: { nonce, peerId: self },
            receiver: { nonce: message.nonce, peerId: message.peerId },
            fingerprints: channel.fingerprints?.() ?? { local: '', remote: '' },
          },
          nodeCrypto,
        ).then((link) => {
          const frames: WireMessage[] = [
            { type: 'proof', link, password: null },
            { type: 'metadata-request', chunk: 0 },
            { type: 'interested' },
            { type: 'request', index: 0 as never, begin: 0, length: 16 * KiB },
          ]
          try {
            for (const frame of frames) {
              channel.send(encode(frame))
            }
          } catch {
            // The seeder closed the channel at the bad proof: the rest never leaves.
          }
        })
      }
    })
  }
  // Subscribed as the dial resolves, before the seeder's handshake can arrive.
  const dialing = transport.dial(discoveryId, seeder).then((channel) => {
    listen(channel)
    try {
      channel.send(encode({ type: 'handshake', nonce, peerId: self, hasMetadata: false }))
    } catch {
      // Refused at once: no swarm goes by that discovery id.
    }
    return channel
  })
  await swarm.clock.advance(100)
  await dialing
  await swarm.clock.advance(2_000)
  return received
}

/**
 * A peer with the discovery id that the seeder dials (so it hears the seeder's handshake at
 * once, even with no latency), proves with keys guessed from `guess`, and hangs up straight
 * after its proof, as a rival engine does once the seeder's proof failed for it: with no
 * latency the close lands in the same instant as the proof, while the seeder still checks it.
 */
async function hangingRogue(
  swarm: TestSwarm,
  discoveryId: DiscoveryId,
  guess: SwarmId,
): Promise<void> {
  const self = 'rogue-hangs-up' as PeerId
  const transport = swarm.network.transport(self)
  const keys = await deriveSwarmKeys(guess, nodeCrypto)
  const nonce = new Uint8Array(32).fill(9)
  transport.onIncoming((_id, _peer, channel) => {
    channel.onMessage((bytes) => {
      const message = decode(bytes)
      if (message.type !== 'handshake') {
        return
      }
      // Only now: the seeder subscribes to the channel as its dial resolves, then greets.
      channel.send(encode({ type: 'handshake', nonce, peerId: self, hasMetadata: false }))
      const input = {
        kind: 'link' as const,
        sender: { nonce, peerId: self },
        receiver: { nonce: message.nonce, peerId: message.peerId },
        fingerprints: channel.fingerprints?.() ?? { local: '', remote: '' },
      }
      void makeProof(keys.linkKey, input, nodeCrypto).then((link) => {
        channel.send(encode({ type: 'proof', link, password: null }))
        // After the proof is on the wire (a later timer of this instant), not before it.
        swarm.clock.setTimeout(() => swarm.clock.setTimeout(() => channel.close(), 0), 0)
      })
    })
  })
  await swarm.tracker.client(self).announce({ discoveryId, seeding: false, numWant: 10 })
}

describe('peer proof in the engine (SPEC PL-2, PL-4, PL-6)', () => {
  it('[PL-6] a peer holding only the discovery id gets 0 bytes of metadata, bitfield or piece', async () => {
    const swarm = newSwarm({ config: FAST_TEST_CONFIG })
    const data = new SeededRandom(3).bytes(200 * KiB)
    const { seeder, swarmId } = await seeded(swarm, data)
    const stats = latestStats(seeder)
    await swarm.clock.advance(100)
    const discoveryId = await discoveryIdOf(swarmId, nodeCrypto)
    // Its own discovery id for that "swarm id" names no swarm: refused before a single frame.
    const asSwarm = discoveryId as unknown as SwarmId
    const elsewhere = await discoveryIdOf(asSwarm, nodeCrypto)
    expect(await rogue(swarm, seeder.peerId, elsewhere, asSwarm)).toEqual([])
    // Under the real discovery id, with keys guessed from what it saw, the proof fails.
    const received = await rogue(swarm, seeder.peerId, discoveryId, asSwarm)
    // It got the seeder's handshake (a nonce and a peer id) and nothing else: no proof of ours
    // would help it, since it cannot check one without the link.
    const types = received.map((m) => m.type)
    expect(types.filter((t) => t !== 'handshake' && t !== 'proof')).toEqual([])
    expect(refusals(seeder).map((r) => r.reason)).toEqual(['proof-failed'])
    await swarm.clock.advance(1_000)
    expect(stats()?.proofFailures).toBe(1)
    expect(stats()?.uploadedBytes).toBe(0)
  })

  it('[PL-6] a bad proof is refused, counted and shunned even when its sender hangs up while it is checked', async () => {
    const swarm = newSwarm({ config: FAST_TEST_CONFIG, latencyMs: 0, trackerIntervalMs: 1_000 })
    const data = new SeededRandom(5).bytes(200 * KiB)
    const { seeder, swarmId } = await seeded(swarm, data)
    const stats = latestStats(seeder)
    const discoveryId = await discoveryIdOf(swarmId, nodeCrypto)
    await hangingRogue(swarm, discoveryId, discoveryId as unknown as SwarmId)
    // The seeder's next announce names the rogue, and the seeder dials it.
    await swarm.clock.advance(3_000)
    // Its proof did arrive (each connection: a handshake, then a proof) ...
    expect(swarm.network.traffic('rogue-hangs-up' as PeerId).sent).toBeGreaterThan(0)
    // ... and was refused once, after which the seeder never dialled it again.
    expect(refusals(seeder).map((r) => r.reason)).toEqual(['proof-failed'])
    expect(seeder.events.filter((e) => e.type === 'peer-shunned')).toHaveLength(1)
    expect(stats()?.proofFailures).toBe(1)
  })

  it('[PL-4] [PL-6] a man in the middle (mismatched fingerprints) is refused, counted and not re-dialled', async () => {
    const swarm = newSwarm({ config: FAST_TEST_CONFIG })
    const data = new SeededRandom(4).bytes(200 * KiB)
    const { seeder, swarmId } = await seeded(swarm, data)
    const leecher = swarm.addPeer()
    swarm.network.intercept(seeder.peerId, leecher.peerId)
    const stats = latestStats(leecher)
    leecher.engine.download(swarmId, (metadata) => new MemoryChunkStore(metadata))
    await swarm.clock.advance(30_000)
    expect(hasMetadata(leecher, swarmId)).toBe(false)
    expect(refusals(leecher).map((r) => r.reason)).toEqual(['proof-failed'])
    expect(refusals(seeder).map((r) => r.reason)).toEqual(['proof-failed'])
    expect(stats()?.proofFailures).toBe(1)
    expect(leecher.events.some((e) => e.type === 'peer-connected')).toBe(false)
  })

  it('[PL-6] a peer whose handshake is held back (a relay sitting on it) gets no keep-alive before the proofs, and is dropped as idle', async () => {
    const swarm = newSwarm({ config: FAST_TEST_CONFIG })
    const data = new SeededRandom(7).bytes(100 * KiB)
    const { seeder, swarmId } = await seeded(swarm, data)
    await swarm.clock.advance(100)
    const discoveryId = await discoveryIdOf(swarmId, nodeCrypto)
    const self = 'held-back' as PeerId
    await swarm.tracker.client(self).announce({ discoveryId, seeding: false, numWant: 10 })
    const received: WireMessage[] = []
    let closed = false
    const dialing = swarm.network
      .transport(self)
      .dial(discoveryId, seeder.peerId)
      .then((channel) => {
        channel.onMessage((bytes) => received.push(decode(bytes)))
        channel.onClose(() => {
          closed = true
        })
      })
    await swarm.clock.advance(100)
    await dialing
    // Past the keep-alive interval (EN-10), short of the idle timeout (EN-11): the seeder, still
    // waiting for our handshake, must not send a keep-alive, which an honest peer, waiting for
    // the seeder's proof, would take for a protocol error.
    await swarm.clock.advance(12_000)
    expect(received.map((m) => m.type)).toEqual(['handshake'])
    expect(closed).toBe(false)
    // A handshake that never comes does not hold the channel open forever.
    await swarm.clock.advance(20_000)
    expect(closed).toBe(true)
    expect(received.map((m) => m.type)).toEqual(['handshake'])
  })

  it('[PL-4] the same two peers connect and download when nobody is in the middle', async () => {
    const swarm = newSwarm({ config: FAST_TEST_CONFIG })
    const data = new SeededRandom(5).bytes(300 * KiB)
    const { swarmId } = await seeded(swarm, data)
    const leecher = swarm.addPeer()
    leecher.engine.download(swarmId, (metadata) => new MemoryChunkStore(metadata))
    await swarm.clock.runUntil(() => leecher.engine.swarm(swarmId)?.isComplete() ?? false, 60_000)
    expect(sha256Hex(await readAll(leecher, swarmId))).toBe(sha256Hex(data))
    expect(refusals(leecher)).toEqual([])
  })
})

describe('share password in the engine (SPEC PL-5)', () => {
  const setup = async (password: string | undefined) => {
    const swarm = newSwarm({ config: FAST_TEST_CONFIG })
    const data = new SeededRandom(6).bytes(150 * KiB)
    const { seeder, swarmId } = await seeded(swarm, data, 'correct horse')
    const leecher = swarm.addPeer()
    const stats = latestStats(seeder)
    leecher.engine.download(
      swarmId,
      (metadata) => new MemoryChunkStore(metadata),
      password === undefined ? {} : { password },
    )
    return { swarm, data, seeder, leecher, swarmId, stats }
  }

  it('[PL-5] the right password downloads', async () => {
    const { swarm, data, leecher, swarmId } = await setup('correct horse')
    await swarm.clock.runUntil(() => leecher.engine.swarm(swarmId)?.isComplete() ?? false, 60_000)
    expect(sha256Hex(await readAll(leecher, swarmId))).toBe(sha256Hex(data))
  })

  it('[PL-5] a wrong password is told as such on both sides, and gets no metadata', async () => {
    const { swarm, seeder, leecher, swarmId, stats } = await setup('battery staple')
    await swarm.clock.advance(10_000)
    expect(hasMetadata(leecher, swarmId)).toBe(false)
    expect(refusals(leecher).map((r) => r.reason)).toContain('wrong-password')
    expect(refusals(leecher).map((r) => r.reason)).not.toContain('proof-failed')
    expect(refusals(seeder).map((r) => r.reason)).toContain('wrong-password')
    expect(stats()?.wrongPasswords).toBeGreaterThanOrEqual(1)
    expect(stats()?.proofFailures).toBe(0)
    expect(stats()?.uploadedBytes).toBe(0)
  })

  it('[PL-5] a missing password is refused as a wrong password, and gets no metadata', async () => {
    const { swarm, seeder, leecher, swarmId } = await setup(undefined)
    await swarm.clock.advance(10_000)
    expect(hasMetadata(leecher, swarmId)).toBe(false)
    expect(refusals(leecher).map((r) => r.reason)).toContain('wrong-password')
    expect(refusals(seeder).map((r) => r.reason)).toContain('wrong-password')
  })
})
