import type { Channel } from '@swarmdrop/engine'
import type { DiscoveryId, PeerId, Unsubscribe } from '@swarmdrop/protocol'
import { describeChannelContract } from '@swarmdrop/testkit/channel-contract'
import { afterAll } from 'vitest'

import {
  type SignalRelay,
  type WebRtcTransport,
  createWebRtcTransport,
} from './webrtc-transport.ts'

// Runs in real Chromium (Vitest browser mode, project `browser`): the browser's own
// RTCPeerConnection and the browser flavour of simple-peer (#simple-peer), as the web app uses.
const SWARM = 'ef'.repeat(32) as DiscoveryId

/** Two peers' signals relayed in order, through JSON as Socket.IO would carry them. */
function relayBetween(): (id: PeerId) => SignalRelay {
  const listeners = new Map<
    PeerId,
    (discoveryId: DiscoveryId, from: PeerId, data: unknown) => void
  >()
  return (id) => ({
    selfId: () => id,
    sendSignal(swarmId, to, data) {
      const copy: unknown = JSON.parse(JSON.stringify(data))
      queueMicrotask(() => listeners.get(to)?.(swarmId, id, copy))
    },
    onSignal(callback): Unsubscribe {
      listeners.set(id, callback)
      return () => listeners.delete(id)
    },
  })
}

const transports: WebRtcTransport[] = []
afterAll(() => {
  for (const transport of transports.splice(0)) {
    transport.destroy()
  }
})

describeChannelContract('WebRTC in Chromium', async () => {
  const join = relayBetween()
  const small = createWebRtcTransport({ signals: join('peer-a' as PeerId) })
  const large = createWebRtcTransport({ signals: join('peer-b' as PeerId) })
  transports.push(small, large)
  const incoming = new Promise<Channel>((resolve) => {
    const unsubscribe = large.onIncoming((_swarm, _peer, channel) => {
      unsubscribe()
      resolve(channel)
    })
  })
  const a = await small.dial(SWARM, 'peer-b' as PeerId)
  const b = await incoming
  return {
    a,
    b,
    async until(done, what) {
      const deadline = performance.now() + 20_000
      while (!done()) {
        if (performance.now() > deadline) {
          throw new Error(`WebRTC: no ${what} within 20 s`)
        }
        await new Promise((resolve) => setTimeout(resolve, 5))
      }
    },
    dispose: () => {
      small.destroy()
      large.destroy()
    },
  }
})
