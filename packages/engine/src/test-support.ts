import { TestSwarm } from '@swarmdrop/testkit'
import type { TestPeer, TestSwarmOptions } from '@swarmdrop/testkit'
import { afterEach } from 'vitest'

import type { SwarmStats } from './events.ts'

/**
 * Makes TestSwarms that are all destroyed after each test, whatever the test did (destroy is
 * idempotent, so a test may also destroy one itself). Call it at a test file's top level.
 */
export function swarmPerTest(): (options?: TestSwarmOptions) => TestSwarm {
  const live: TestSwarm[] = []
  afterEach(async () => {
    await Promise.all(live.splice(0).map(async (swarm) => swarm.destroy()))
  })
  return (options) => {
    const swarm = new TestSwarm(options)
    live.push(swarm)
    return swarm
  }
}

/** The next stats snapshot of `peer` from now on (TestPeer.events leaves stats out). */
export function nextStats(peer: TestPeer): () => SwarmStats | null {
  let latest: SwarmStats | null = null
  const stop = peer.engine.onEvent((e) => {
    if (e.type === 'stats') {
      latest = e.stats
      stop()
    }
  })
  return () => latest
}
