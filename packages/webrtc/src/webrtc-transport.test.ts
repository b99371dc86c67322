import * as wrtc from '@roamhq/wrtc'
import type { Channel } from '@swarmdrop/engine'
import type { PeerId, SwarmId, Unsubscribe } from '@swarmdrop/protocol'
import { afterEach, describe, expect, it } from 'vitest'

import { LOW_WATER_MARK_BYTES } from './peer-channel.ts'
import {
  type SignalRelay,
  type WebRtcTransport,
  createWebRtcTransport,
} from './webrtc-transport.ts'

const SWARM = 'ab'.repeat(32) as SwarmId
const SMALL = 'peer-a' as PeerId
const LARGE = 'peer-b' as PeerId

interface RelayedMessage {
  readonly from: PeerId
  readonly to: PeerId
  readonly data: unknown
}

/** An in-memory tracker relay: delivers in order, one microtask later, like a FIFO socket. */
function createRelay() {
  const listeners = new Map<PeerId, (swarmId: SwarmId, from: PeerId, data: unknown) => void>()
  const sent: RelayedMessage[] = []
  const deliver = (swarmId: SwarmId, from: PeerId, to: PeerId, data: unknown): void => {
    sent.push({ from, to, data })
    // Through JSON, as Socket.IO would carry it.
    const copy: unknown = JSON.parse(JSON.stringify(data))
    queueMicrotask(() => listeners.get(to)?.(swarmId, from, copy))
  }
  return {
    sent,
    deliver,
    join(id: PeerId): SignalRelay {
      return {
        selfId: () => id,
        sendSignal: (swarmId, to, data) => deliver(swarmId, id, to, data),
        onSignal(callback): Unsubscribe {
          listeners.set(id, callback)
          return () => listeners.delete(id)
        },
      }
    },
  }
}

const isOfferFrom = (from: PeerId) => (m: RelayedMessage) =>
  m.from === from && (m.data as { kind?: string; data?: { type?: string } }).data?.type === 'offer'

const transports: WebRtcTransport[] = []
function transportFor(
  relay: ReturnType<typeof createRelay>,
  id: PeerId,
  connectTimeoutMs?: number,
) {
  const transport = createWebRtcTransport({
    signals: relay.join(id),
    wrtc,
    ...(connectTimeoutMs === undefined ? {} : { connectTimeoutMs }),
  })
  transports.push(transport)
  return transport
}

function nextIncoming(transport: WebRtcTransport): Promise<[PeerId, Channel]> {
  return new Promise((resolve) => {
    const unsubscribe = transport.onIncoming((_swarmId, peer, channel) => {
      unsubscribe()
      resolve([peer, channel])
    })
  })
}

function collect(channel: Channel, count: number): Promise<Uint8Array[]> {
  const received: Uint8Array[] = []
  return new Promise((resolve) => {
    channel.onMessage((bytes) => {
      received.push(bytes.slice())
      if (received.length === count) {
        resolve(received)
      }
    })
  })
}

const closed = (channel: Channel): Promise<Error | undefined> =>
  new Promise((resolve) => channel.onClose(resolve))

/** Deterministic, position-dependent bytes so a reordering or a shifted view shows. */
function pattern(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length)
  for (let i = 0; i < length; i++) {
    bytes[i] = (i * 31 + seed * 7) & 0xff
  }
  return bytes
}

/**
 * Compares frames by length and content; vitest's deep equality walks typed arrays element by
 * element, which takes tens of seconds for a few MiB.
 */
function expectSameFrames(actual: readonly Uint8Array[], expected: readonly Uint8Array[]): void {
  expect(actual.map((b) => b.byteLength)).toEqual(expected.map((b) => b.byteLength))
  const firstDifferent = actual.findIndex(
    (bytes, i) => Buffer.compare(bytes, expected[i] ?? new Uint8Array()) !== 0,
  )
  expect(firstDifferent).toBe(-1)
}

afterEach(() => {
  // @roamhq/wrtc can crash the process at exit while peer connections are still open.
  for (const transport of transports.splice(0)) {
    transport.destroy()
  }
})

describe('createWebRtcTransport', () => {
  it('[TR-7] the smaller id dials with an offer and the larger sees it as incoming', async () => {
    const relay = createRelay()
    const small = transportFor(relay, SMALL)
    const large = transportFor(relay, LARGE)
    const incoming = nextIncoming(large)

    const dialled = await small.dial(SWARM, LARGE)
    const [from, accepted] = await incoming

    expect(from).toBe(SMALL)
    const message = collect(accepted, 1)
    dialled.send(pattern(10, 1))
    expect(await message).toEqual([pattern(10, 1)])
    expect(relay.sent.filter(isOfferFrom(LARGE))).toHaveLength(0)
  })

  it('[TR-7] a dial from the larger id goes through a dial-request and resolves its own dial', async () => {
    const relay = createRelay()
    const small = transportFor(relay, SMALL)
    const large = transportFor(relay, LARGE)
    const incomingOnSmall = nextIncoming(small)
    let incomingOnLarge = 0
    large.onIncoming(() => incomingOnLarge++)

    const dialled = await large.dial(SWARM, SMALL)
    const [from, accepted] = await incomingOnSmall

    expect(from).toBe(LARGE)
    expect(relay.sent[0]).toEqual({ from: LARGE, to: SMALL, data: { kind: 'dial-request' } })
    expect(relay.sent.filter(isOfferFrom(LARGE))).toHaveLength(0)
    expect(incomingOnLarge).toBe(0)
    const message = collect(accepted, 1)
    dialled.send(pattern(10, 2))
    expect(await message).toEqual([pattern(10, 2)])
  })

  it('[TR-7] both sides dialling at once yields one connection and a single offer', async () => {
    const relay = createRelay()
    const small = transportFor(relay, SMALL)
    const large = transportFor(relay, LARGE)
    let incoming = 0
    small.onIncoming(() => incoming++)
    large.onIncoming(() => incoming++)

    const [fromSmall, fromLarge] = await Promise.all([
      small.dial(SWARM, LARGE),
      large.dial(SWARM, SMALL),
    ])

    expect(incoming).toBe(0)
    expect(relay.sent.filter(isOfferFrom(SMALL))).toHaveLength(1)
    expect(relay.sent.filter(isOfferFrom(LARGE))).toHaveLength(0)
    // The two promises hold the two ends of the same connection.
    const atLarge = collect(fromLarge, 1)
    const atSmall = collect(fromSmall, 1)
    fromSmall.send(pattern(5, 3))
    fromLarge.send(pattern(6, 4))
    expect(await atLarge).toEqual([pattern(5, 3)])
    expect(await atSmall).toEqual([pattern(6, 4)])
  })

  it('[WR-1] messages round-trip byte-exact and in order, 64 KiB frames and views included', async () => {
    const relay = createRelay()
    const small = transportFor(relay, SMALL)
    const large = transportFor(relay, LARGE)
    const incoming = nextIncoming(large)
    const dialled = await small.dial(SWARM, LARGE)
    const [, accepted] = await incoming

    const big = pattern(64 * 1024 + 64, 9)
    const frames = [
      pattern(1, 1),
      pattern(13, 2),
      pattern(16 * 1024, 3),
      pattern(64 * 1024, 4),
      pattern(64 * 1024 + 13, 5),
      // A view into a larger buffer must send only its own bytes.
      big.subarray(32, 32 + 64 * 1024),
    ]
    const there = collect(accepted, frames.length)
    const back = collect(dialled, frames.length)
    for (const frame of frames) {
      dialled.send(frame)
    }
    const received = await there
    expectSameFrames(received, frames)
    for (const bytes of received) {
      accepted.send(bytes)
    }
    expectSameFrames(await back, frames)
  })

  it('[EN-3] bufferedAmount reflects a burst and onDrain fires once it falls to the low-water mark', async () => {
    const relay = createRelay()
    const small = transportFor(relay, SMALL)
    const large = transportFor(relay, LARGE)
    const incoming = nextIncoming(large)
    const dialled = await small.dial(SWARM, LARGE)
    const [, accepted] = await incoming

    const count = 64
    const arrived = collect(accepted, count)
    let drains = 0
    const drained = new Promise<number>((resolve) =>
      dialled.onDrain(() => {
        drains++
        resolve(dialled.bufferedAmount)
      }),
    )
    for (let i = 0; i < count; i++) {
      dialled.send(pattern(64 * 1024, i))
    }

    expect(dialled.bufferedAmount).toBeGreaterThan(LOW_WATER_MARK_BYTES)
    expect(await drained).toBeLessThanOrEqual(LOW_WATER_MARK_BYTES)
    const received = await arrived
    expect(drains).toBeGreaterThanOrEqual(1)
    expectSameFrames(
      received,
      Array.from({ length: count }, (_, i) => pattern(64 * 1024, i)),
    )
  })

  it('close() fires onClose once on both sides', async () => {
    const relay = createRelay()
    const small = transportFor(relay, SMALL)
    const large = transportFor(relay, LARGE)
    const incoming = nextIncoming(large)
    const dialled = await small.dial(SWARM, LARGE)
    const [, accepted] = await incoming
    let localCloses = 0
    dialled.onClose(() => localCloses++)
    const local = closed(dialled)
    const remote = closed(accepted)

    dialled.close()

    await Promise.all([local, remote])
    dialled.close()
    expect(localCloses).toBe(1)
    // A late subscriber still learns that the channel is closed.
    await closed(accepted)
    // After a close the pair can connect again.
    const again = nextIncoming(large)
    await small.dial(SWARM, LARGE)
    expect((await again)[0]).toBe(SMALL)
  })

  it('a dial to an absent peer times out with a clear error, in both roles', async () => {
    const relay = createRelay()
    const middle = transportFor(relay, 'peer-m' as PeerId, 300)

    await expect(middle.dial(SWARM, 'peer-z' as PeerId)).rejects.toThrow(
      /connection to peer peer-z timed out after 300 ms/,
    )
    await expect(middle.dial(SWARM, 'peer-a' as PeerId)).rejects.toThrow(
      /connection to peer peer-a timed out after 300 ms/,
    )
  })

  it('ignores malformed signals and offers that break TR-7', async () => {
    const relay = createRelay()
    const small = transportFor(relay, SMALL)
    const large = transportFor(relay, LARGE)
    let incoming = 0
    small.onIncoming(() => incoming++)
    for (const junk of [null, 'x', { kind: 'signal' }, { kind: 'signal', data: 5 }, { kind: 1 }]) {
      relay.deliver(SWARM, LARGE, SMALL, junk)
    }
    // An offer from the larger id, and a dial-request from the smaller one, are both refused.
    relay.deliver(SWARM, LARGE, SMALL, { kind: 'signal', data: { type: 'offer', sdp: 'v=0' } })
    relay.deliver(SWARM, SMALL, LARGE, { kind: 'dial-request' })

    const accepted = nextIncoming(large)
    await small.dial(SWARM, LARGE)
    expect((await accepted)[0]).toBe(SMALL)
    expect(incoming).toBe(0)
  })
})
