import * as wrtc from '@roamhq/wrtc'
import type { Channel } from '@swarmdrop/engine'
import type { DiscoveryId, PeerId, Unsubscribe } from '@swarmdrop/protocol'
import { describeChannelContract } from '@swarmdrop/testkit/channel-contract'
import { afterEach, describe, expect, it } from 'vitest'

import { LOW_WATER_MARK_BYTES, type PeerChannel } from './peer-channel.ts'
import { until } from './test-support.ts'
import {
  type SignalRelay,
  type WebRtcTransport,
  createWebRtcTransport,
} from './webrtc-transport.ts'

const SWARM = 'ab'.repeat(32) as DiscoveryId
const SMALL = 'peer-a' as PeerId
const LARGE = 'peer-b' as PeerId

interface RelayedMessage {
  readonly from: PeerId
  readonly to: PeerId
  readonly data: unknown
}

/**
 * An in-memory tracker relay: delivers in order, one microtask later, like a FIFO socket.
 * `rewrite` may change or drop (null) what it carries; a peer that never joined is refused,
 * as the tracker refuses an unknown peer.
 */
function createRelay(rewrite: (data: unknown) => unknown = (data) => data) {
  const listeners = new Map<PeerId, (swarmId: DiscoveryId, from: PeerId, data: unknown) => void>()
  const sent: RelayedMessage[] = []
  const refusing = new Set<PeerId>()
  const deliver = (swarmId: DiscoveryId, from: PeerId, to: PeerId, data: unknown): void => {
    sent.push({ from, to, data })
    // Through JSON, as Socket.IO would carry it.
    const copy: unknown = rewrite(JSON.parse(JSON.stringify(data)))
    if (copy !== null) {
      queueMicrotask(() => listeners.get(to)?.(swarmId, from, copy))
    }
  }
  return {
    sent,
    deliver,
    /** Signals to `id` are refused from now on, as for a peer that left the swarm. */
    refuse: (id: PeerId) => refusing.add(id),
    join(id: PeerId): SignalRelay {
      return {
        selfId: () => id,
        sendSignal(swarmId, to, data, onRefused) {
          if (refusing.has(to)) {
            queueMicrotask(() => onRefused?.('ERR_UNKNOWN_PEER'))
          } else {
            deliver(swarmId, id, to, data)
          }
        },
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

/** Every RTCPeerConnection the transports made, oldest first, so a test can break one. */
const connections: RTCPeerConnection[] = []
// A constructor that returns the native object: @roamhq/wrtc's classes do not survive subclassing.
function RecordedPeerConnection(config?: RTCConfiguration): RTCPeerConnection {
  const pc = new wrtc.RTCPeerConnection(config) as unknown as RTCPeerConnection
  connections.push(pc)
  return pc
}
// Spelled out: a spread of the CommonJS module's namespace misses some of its classes.
const recordingWrtc = {
  RTCPeerConnection: RecordedPeerConnection,
  RTCSessionDescription: wrtc.RTCSessionDescription,
  RTCIceCandidate: wrtc.RTCIceCandidate,
}

const transports: WebRtcTransport[] = []
function transportFor(
  relay: ReturnType<typeof createRelay>,
  id: PeerId,
  connectTimeoutMs?: number,
) {
  const transport = createWebRtcTransport({
    signals: relay.join(id),
    wrtc: recordingWrtc,
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
/** `frame` copied into the middle of `into`, as a view. */
function viewOf(into: Uint8Array, frame: Uint8Array): Uint8Array {
  into.set(frame, 32)
  return into.subarray(32, 32 + frame.length)
}

/**
 * A frame of `length` bytes, length prefix included (SPEC WR-1: a channel carries whole frames,
 * several to a message): a u32 prefix, then a recognisable pattern.
 */
function pattern(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(Math.max(4, length))
  for (let i = 4; i < bytes.length; i++) {
    bytes[i] = (i * 31 + seed * 7) & 0xff
  }
  new DataView(bytes.buffer).setUint32(0, bytes.length - 4)
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
  connections.length = 0
})

/** The ICE username fragment a session description carries (it changes on an ICE restart). */
const ufragOf = (description: RTCSessionDescription | null): string | undefined =>
  /a=ice-ufrag:(\S+)/.exec(description?.sdp ?? '')?.[1]

/** Drops every ICE candidate, trickled or in the SDP: ICE then has nothing to check. */
function withoutCandidates(payload: unknown): unknown {
  const data = (payload as { data?: { candidate?: unknown; sdp?: string } }).data
  if (data?.candidate !== undefined) {
    return null
  }
  if (data?.sdp !== undefined) {
    data.sdp = data.sdp.replace(/a=candidate:[^\r\n]*\r?\n/g, '')
  }
  return payload
}

/** Polls real time until `done()` holds (the WebRTC contract runs on real timers). */
async function waitUntil(done: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  if (!(await until(done, timeoutMs, 5))) {
    throw new Error(`WebRTC: no ${what} within ${timeoutMs} ms`)
  }
}

describeChannelContract('WebRTC in Node (@roamhq/wrtc)', async () => {
  const relay = createRelay()
  const small = transportFor(relay, SMALL)
  const large = transportFor(relay, LARGE)
  const incoming = nextIncoming(large)
  const a = await small.dial(SWARM, LARGE)
  const [, b] = await incoming
  return { a, b, until: waitUntil, dispose: () => undefined }
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

    const big = new Uint8Array(64 * 1024 + 64).fill(9)
    const frames = [
      pattern(1, 1),
      pattern(13, 2),
      pattern(16 * 1024, 3),
      pattern(64 * 1024, 4),
      pattern(64 * 1024 + 13, 5),
      // A view into a larger buffer must send only its own bytes.
      viewOf(big, pattern(64 * 1024, 6)),
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

  it('[NET-5] a dial to a peer that never answers fails ERR_PEER_UNREACHABLE, in both roles', async () => {
    const relay = createRelay()
    const middle = transportFor(relay, 'peer-m' as PeerId, 300)

    await expect(middle.dial(SWARM, 'peer-z' as PeerId)).rejects.toMatchObject({
      code: 'ERR_PEER_UNREACHABLE',
      message: expect.stringMatching(/peer peer-z did not answer within 300 ms/) as unknown,
    })
    await expect(middle.dial(SWARM, 'peer-a' as PeerId)).rejects.toMatchObject({
      code: 'ERR_PEER_UNREACHABLE',
    })
  })

  it('[NET-5] a dial the tracker refuses to relay fails ERR_PEER_UNREACHABLE at once', async () => {
    const relay = createRelay()
    // A long timeout: only the refusal can fail the dial within the test.
    const middle = transportFor(relay, 'peer-m' as PeerId, 60_000)
    relay.refuse('peer-z' as PeerId)
    relay.refuse('peer-a' as PeerId)

    await expect(middle.dial(SWARM, 'peer-z' as PeerId)).rejects.toMatchObject({
      code: 'ERR_PEER_UNREACHABLE',
      message: expect.stringMatching(/ERR_UNKNOWN_PEER/) as unknown,
    })
    await expect(middle.dial(SWARM, 'peer-a' as PeerId)).rejects.toMatchObject({
      code: 'ERR_PEER_UNREACHABLE',
    })
  })

  it('[NET-5] a peer that answers but ICE never connects fails ERR_DIAL_TIMEOUT', async () => {
    const relay = createRelay(withoutCandidates)
    const small = transportFor(relay, SMALL, 1_500)
    transportFor(relay, LARGE, 1_500)

    await expect(small.dial(SWARM, LARGE)).rejects.toMatchObject({ code: 'ERR_DIAL_TIMEOUT' })
  })

  it('[NET-5] a dial pending when the transport is destroyed fails ERR_DIAL_CLOSED', async () => {
    const relay = createRelay()
    const middle = transportFor(relay, 'peer-m' as PeerId, 60_000)
    const dial = middle.dial(SWARM, 'peer-z' as PeerId)
    middle.destroy()

    await expect(dial).rejects.toMatchObject({ code: 'ERR_DIAL_CLOSED' })
    await expect(middle.dial(SWARM, 'peer-m' as PeerId)).rejects.toMatchObject({
      code: 'ERR_DIAL_OTHER',
    })
  })

  it('[NET-1] an open connection on loopback reports a direct host-to-host route', async () => {
    const relay = createRelay()
    const small = transportFor(relay, SMALL)
    const large = transportFor(relay, LARGE)
    const incoming = nextIncoming(large)
    const dialled = (await small.dial(SWARM, LARGE)) as PeerChannel
    const [, accepted] = await incoming

    for (const channel of [dialled, accepted as PeerChannel]) {
      await expect.poll(() => channel.route(), { timeout: 5_000 }).not.toBeNull()
      expect(channel.route()).toMatchObject({
        path: 'direct',
        localType: 'host',
        remoteType: 'host',
      })
    }
  })

  it("[NET-4] the far side closing its peer connection closes this side's channel", async () => {
    const relay = createRelay()
    const small = transportFor(relay, SMALL)
    const large = transportFor(relay, LARGE)
    const incoming = nextIncoming(large)
    const dialled = await small.dial(SWARM, LARGE)
    const [, accepted] = await incoming
    const gone = closed(accepted)
    expect(connections).toHaveLength(2)

    // The dialler's connection was made first; close it under simple-peer's feet.
    connections[0]?.close()

    await gone
    await closed(dialled)
    // Nothing stale is left on either side: the engine's redial to the same peer connects.
    const again = nextIncoming(large)
    await small.dial(SWARM, LARGE)
    expect((await again)[0]).toBe(SMALL)
  })

  it('[NET-3] an ICE restart renews ICE credentials and keeps the channel open', async () => {
    const relay = createRelay()
    const small = transportFor(relay, SMALL)
    const large = transportFor(relay, LARGE)
    const incoming = nextIncoming(large)
    const dialled = (await small.dial(SWARM, LARGE)) as PeerChannel
    const [, accepted] = await incoming
    let closes = 0
    dialled.onClose(() => closes++)
    accepted.onClose(() => closes++)
    const [offerer, answerer] = connections
    const before = [
      ufragOf(offerer?.localDescription ?? null),
      ufragOf(answerer?.localDescription ?? null),
    ]

    await dialled.restartIce()

    await expect
      .poll(() => ufragOf(answerer?.remoteDescription ?? null), { timeout: 5_000 })
      .not.toBe(before[0])
    await expect
      .poll(() => ufragOf(offerer?.remoteDescription ?? null), { timeout: 5_000 })
      .not.toBe(before[1])
    // The restart's offer travelled as a renegotiation, not as a fresh start.
    expect(
      relay.sent.filter((m) => (m.data as { kind?: string }).kind === 'renegotiate').length,
    ).toBeGreaterThan(0)
    const there = collect(accepted, 1)
    const back = collect(dialled, 1)
    dialled.send(pattern(100, 7))
    accepted.send(pattern(100, 8))
    expect(await there).toEqual([pattern(100, 7)])
    expect(await back).toEqual([pattern(100, 8)])
    expect(closes).toBe(0)
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
