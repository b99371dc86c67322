import type { Channel } from '@swarmdrop/engine'
import type { DiscoveryId, PeerId } from '@swarmdrop/protocol'

import { describeChannelContract } from './channel-contract.ts'
import { InMemoryNetwork } from './in-memory-network.ts'
import { ManualClock } from './manual-clock.ts'

const SWARM = 'cd'.repeat(32) as DiscoveryId

describeChannelContract('in-memory network', async () => {
  const clock = new ManualClock()
  const network = new InMemoryNetwork({ clock, latencyMs: 5 })
  const dialler = network.transport('a' as PeerId, { uploadBps: 10_000_000 })
  const answerer = network.transport('b' as PeerId)
  let accepted: Channel | null = null
  answerer.onIncoming((_swarm, _peer, channel) => {
    accepted = channel
  })
  const dialled = dialler.dial(SWARM, 'b' as PeerId)
  await clock.advance(10)
  const a = await dialled
  if (!accepted) {
    throw new Error('no incoming channel')
  }
  return {
    a,
    b: accepted,
    async until(done, what) {
      for (let ms = 0; ms < 60_000; ms++) {
        if (done()) {
          return
        }
        await clock.advance(1)
      }
      throw new Error(`in-memory network: no ${what} within a virtual minute`)
    },
    dispose: () => undefined,
  }
})
