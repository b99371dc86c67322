import type { Channel, Transport } from '@swarmdrop/engine'
import type { DiscoveryId, PeerId } from '@swarmdrop/protocol'
import { ManualClock } from '@swarmdrop/testkit'
import { describe, expect, it } from 'vitest'

import { type InboundGate, throttleInbound } from './inbound-throttle.ts'

/** A channel whose inbound messages the test delivers by hand. */
function fakeChannel(): { channel: Channel; deliver(bytes: number): void } {
  const listeners = new Set<(bytes: Uint8Array) => void>()
  const channel: Channel = {
    send: () => undefined,
    bufferedAmount: 0,
    onMessage(callback) {
      listeners.add(callback)
      return () => listeners.delete(callback)
    },
    onDrain: () => () => undefined,
    onClose: () => () => undefined,
    close: () => undefined,
    route: () => null,
  }
  return {
    channel,
    deliver: (bytes) => {
      for (const listener of listeners) {
        listener(new Uint8Array(bytes))
      }
    },
  }
}

async function throttled(
  clock: ManualClock,
  bytesPerSecond: number,
  gate: InboundGate | null,
): Promise<{ deliver(bytes: number): void; received: number[]; channel: Channel }> {
  const fake = fakeChannel()
  const transport: Transport = {
    dial: () => Promise.resolve(fake.channel),
    onIncoming: () => () => undefined,
  }
  const channel = await throttleInbound(transport, clock, bytesPerSecond, gate).dial(
    'a'.repeat(64) as DiscoveryId,
    'p' as PeerId,
  )
  const received: number[] = []
  channel.onMessage((bytes) => received.push(bytes.length))
  return { deliver: fake.deliver, received, channel }
}

describe('inbound throttle', () => {
  it('[CL-10] hands messages over no faster than the rate, in order', async () => {
    const clock = new ManualClock()
    const { deliver, received } = await throttled(clock, 100_000, null)
    for (let i = 0; i < 10; i++) {
      deliver(10_000)
    }
    // The bucket starts with a quarter second (25 kB): three messages (the third into debt).
    expect(received.length).toBe(3)
    await clock.advance(1_000)
    const afterOneSecond = received.length
    expect(afterOneSecond).toBeGreaterThanOrEqual(11 - 2)
    await clock.advance(1_000)
    expect(received).toEqual(Array.from({ length: 10 }, () => 10_000))
  })

  it('[CL-5] holds messages while the gate is shut and delivers them when it opens', async () => {
    const clock = new ManualClock()
    let open = false
    const waiting = new Set<() => void>()
    const gate: InboundGate = {
      isOpen: () => open,
      onMaybeOpen(callback) {
        waiting.add(callback)
        return () => waiting.delete(callback)
      },
    }
    const { deliver, received } = await throttled(clock, 0, gate)
    deliver(1)
    deliver(2)
    expect(received).toEqual([])
    for (const callback of [...waiting]) {
      callback()
    }
    expect(received).toEqual([])
    open = true
    for (const callback of [...waiting]) {
      callback()
    }
    expect(received).toEqual([1, 2])
    deliver(3)
    expect(received).toEqual([1, 2, 3])
  })

  it('passes every other Channel member through (route, and whatever the handshake adds)', async () => {
    const clock = new ManualClock()
    const { channel } = await throttled(clock, 1_000, null)
    expect(channel.route?.()).toBeNull()
    expect(channel.bufferedAmount).toBe(0)
  })
})
