import type { SwarmId } from '@swarmdrop/protocol'
import { FAST_TEST_CONFIG, MemoryChunkStore, SeededRandom, seedBytes } from '@swarmdrop/testkit'
import type { TestPeer } from '@swarmdrop/testkit'
import { describe, expect, it } from 'vitest'

import { NO_DIALS, dialFailureCode, withDialFailure, withPeersOffered } from './dial-failures.ts'
import type { SwarmStats } from './events.ts'
import { swarmPerTest } from './test-support.ts'

const newSwarm = swarmPerTest()

/** Keeps the latest stats snapshot of `swarmId` that `peer` emitted. */
function latestStats(peer: TestPeer, swarmId: SwarmId): () => SwarmStats | null {
  let latest: SwarmStats | null = null
  peer.engine.onEvent((event) => {
    if (event.type === 'stats' && event.stats.swarmId === swarmId) {
      latest = event.stats
    }
  })
  return () => latest
}

const coded = (code: unknown): Error => Object.assign(new Error('dial failed'), { code })

describe('dial failure accounting', () => {
  it('[EN-12] counts a failure under the code its error carries', () => {
    expect(dialFailureCode(coded('ERR_ICE_FAILED'))).toBe('ERR_ICE_FAILED')
    expect(dialFailureCode(coded('ERR_DIAL_TIMEOUT'))).toBe('ERR_DIAL_TIMEOUT')
    expect(dialFailureCode(coded('ERR_PEER_UNREACHABLE'))).toBe('ERR_PEER_UNREACHABLE')
    expect(dialFailureCode(coded('ERR_DIAL_CLOSED'))).toBe('ERR_DIAL_CLOSED')
  })

  it('[EN-12] anything without a known code counts as ERR_DIAL_OTHER', () => {
    for (const error of [new Error('x'), coded('ERR_SOMETHING_ELSE'), coded(7), 'boom', null]) {
      expect(dialFailureCode(error)).toBe('ERR_DIAL_OTHER')
    }
  })

  it('[EN-12] failures accumulate per code, and the last one is kept with its time', () => {
    let account = NO_DIALS
    account = withDialFailure(account, coded('ERR_DIAL_TIMEOUT'), 15_000)
    account = withDialFailure(account, coded('ERR_DIAL_TIMEOUT'), 30_000)
    account = withDialFailure(account, new Error('?'), 31_000)
    expect(account.dialFailures).toEqual({
      ERR_DIAL_TIMEOUT: 2,
      ERR_ICE_FAILED: 0,
      ERR_PEER_UNREACHABLE: 0,
      ERR_DIAL_CLOSED: 0,
      ERR_DIAL_OTHER: 1,
    })
    expect(account.lastDialFailure).toEqual({ code: 'ERR_DIAL_OTHER', at: 31_000 })
    // The starting value is never written into.
    expect(NO_DIALS.dialFailures.ERR_DIAL_TIMEOUT).toBe(0)
  })

  it('[EN-12] an unchanged offer count keeps the account as it is', () => {
    expect(withPeersOffered(NO_DIALS, 0)).toBe(NO_DIALS)
    expect(withPeersOffered(NO_DIALS, 3).peersOffered).toBe(3)
  })
})

describe('dial failures in the stats', () => {
  it('[EN-12] peers named but unreachable show up as offered, with each failure by cause', async () => {
    const swarm = newSwarm({ seed: 4, config: FAST_TEST_CONFIG })
    const data = new SeededRandom(3).bytes(64 * 1024)
    const routeless = swarm.addPeer()
    const { swarmId } = await seedBytes(routeless, data)
    const gone = swarm.addPeer()
    await seedBytes(gone, data)
    // One seeder has no route to anyone (symmetric NATs, no relay); the other left the network
    // while the tracker still lists it.
    swarm.network.silence(routeless.peerId)
    swarm.network.disconnect(gone.peerId)
    const leecher = swarm.addPeer()
    const stats = latestStats(leecher, swarmId)
    leecher.engine.download(swarmId, (m) => new MemoryChunkStore(m))
    await swarm.clock.advance(30_000)
    const snapshot = stats()
    expect(snapshot?.peers).toEqual([])
    expect(snapshot?.peersOffered).toBe(2)
    expect(snapshot?.dialFailures.ERR_DIAL_TIMEOUT).toBeGreaterThan(0)
    expect(snapshot?.dialFailures.ERR_PEER_UNREACHABLE).toBeGreaterThan(0)
    expect(snapshot?.dialFailures.ERR_ICE_FAILED).toBe(0)
    const last = snapshot?.lastDialFailure
    expect(last?.at).toBeGreaterThan(0)
    expect(last?.at).toBeLessThanOrEqual(swarm.clock.now())
  })
})
