import { EventEmitter } from 'node:events'

import { SILENT_LOGGER } from '@swarmdrop/protocol'
import { ManualClock } from '@swarmdrop/testkit'
import { describe, expect, it, vi } from 'vitest'

import {
  DISCONNECTED_GRACE_MS,
  RESTART_TIMEOUT_MS,
  ROUTE_POLL_INTERVAL_MS,
} from './connection-watch.ts'
import type { IceSettings } from './ice-settings.ts'
import { createPeerChannel } from './peer-channel.ts'
import type { SimplePeerInstance } from './simple-peer-types.ts'

/** A peer connection with just what the channel touches; the test sets its state. */
class FakePeerConnection extends EventTarget {
  connectionState = 'connected'
  iceConnectionState = 'connected'
  configuration: RTCConfiguration = { iceServers: [] }
  statsCalls = 0
  report: Record<string, unknown>[] = []
  readonly restartIce = vi.fn()
  getStats(): Promise<Map<string, unknown>> {
    this.statsCalls += 1
    return Promise.resolve(new Map(this.report.map((entry) => [String(entry['id']), entry])))
  }
  getConfiguration(): RTCConfiguration {
    return this.configuration
  }
  setConfiguration(configuration: RTCConfiguration): void {
    this.configuration = configuration
  }
  /** Moves to a connection state and fires its event, as the browser does. */
  become(state: string): void {
    this.connectionState = state
    this.dispatchEvent(new Event('connectionstatechange'))
  }
}

/**
 * A simple-peer stand-in that never emits `close` by itself: the browser build's failure
 * mode (issue #12 point 7), so only the channel's own listeners can notice a close.
 */
function fakePeer() {
  const emitter = new EventEmitter()
  const pc = new FakePeerConnection()
  const dataChannel = Object.assign(new EventTarget(), {
    bufferedAmount: 0,
    bufferedAmountLowThreshold: 0,
  })
  const peer = Object.assign(emitter, {
    signal: vi.fn(),
    send: vi.fn(),
    destroy: vi.fn(),
    negotiate: vi.fn(),
    _channel: dataChannel as unknown as RTCDataChannel,
    _pc: pc as unknown as RTCPeerConnection,
  })
  return { peer: peer as unknown as SimplePeerInstance & typeof peer, pc, dataChannel }
}

const FRESH: IceSettings = {
  iceServers: [{ urls: 'turn:turn.example:3478', username: 'u2', credential: 'p2' }],
  iceTransportPolicy: 'relay',
}

function setup(initiator = true) {
  const clock = new ManualClock()
  const parts = fakePeer()
  const refreshIceConfig = vi.fn(() => Promise.resolve(FRESH))
  const flushes: (() => void)[] = []
  const channel = createPeerChannel(parts.peer, {
    clock,
    logger: SILENT_LOGGER,
    initiator,
    refreshIceConfig,
    scheduleFlush: (flush) => flushes.push(flush),
  })
  const closes: (Error | undefined)[] = []
  channel.onClose((reason) => closes.push(reason))
  /** Ends "this task": the outbox goes to the data channel. */
  const endTask = (): void => flushes.splice(0).forEach((flush) => flush())
  return { clock, ...parts, channel, closes, refreshIceConfig, endTask }
}

/** A frame of `length` bytes, prefix included, filled with `fill`. */
function frameOf(length: number, fill: number): Uint8Array {
  const bytes = new Uint8Array(length).fill(fill)
  new DataView(bytes.buffer).setUint32(0, length - 4)
  return bytes
}

describe('createPeerChannel outbox (SPEC WR-1)', () => {
  it('[WR-1] frames sent in one task leave as one message, counted in bufferedAmount until then', () => {
    const s = setup()
    s.channel.send(frameOf(9, 1))
    s.channel.send(frameOf(17, 2))
    expect(s.peer.send).not.toHaveBeenCalled()
    expect(s.channel.bufferedAmount).toBe(26)
    s.endTask()
    expect(s.peer.send).toHaveBeenCalledTimes(1)
    const sent = s.peer.send.mock.calls[0]?.[0] as Uint8Array
    expect([...sent]).toEqual([...frameOf(9, 1), ...frameOf(17, 2)])
    expect(s.channel.bufferedAmount).toBe(0)
  })

  it('[WR-1] a lone frame goes as itself; a full message leaves at once', () => {
    const s = setup()
    const block = frameOf(100 * 1024, 3)
    s.channel.send(block)
    s.endTask()
    expect(s.peer.send.mock.calls[0]?.[0]).toBe(block)
    for (let i = 0; i < 3; i++) {
      s.channel.send(frameOf(100 * 1024, i))
    }
    // The third would pass 256 KiB: the first two leave now, the third after the task.
    expect(s.peer.send).toHaveBeenCalledTimes(2)
    expect((s.peer.send.mock.calls[1]?.[0] as Uint8Array).length).toBe(200 * 1024)
    s.endTask()
    expect(s.peer.send).toHaveBeenCalledTimes(3)
  })

  it('[WR-1] a frame sent as parts stays whole in one message; packed messages share a buffer', () => {
    const s = setup()
    // The data channel copies on send; so does this stand-in, as the buffer is then reused.
    const sent: number[][] = []
    s.peer.send.mockImplementation((message: Uint8Array) => sent.push([...message]))
    const head = frameOf(13, 7).subarray(0, 5)
    const block = new Uint8Array(8).fill(9)
    s.channel.sendParts?.([head, block])
    expect(s.channel.bufferedAmount).toBe(13)
    s.endTask()
    s.channel.sendParts?.([frameOf(200 * 1024, 1)])
    s.channel.sendParts?.([head, frameOf(100 * 1024, 2)])
    // The second frame would pass 256 KiB: the first leaves alone; parts never split.
    expect(sent.map((m) => m.length)).toEqual([13, 200 * 1024])
    s.channel.send(frameOf(9, 3))
    s.endTask()
    expect(sent[0]).toEqual([...head, ...block])
    expect(sent[2]).toEqual([...head, ...frameOf(100 * 1024, 2), ...frameOf(9, 3)])
  })

  it('[WR-1] an arriving message reaches the engine frame by frame, in order', async () => {
    const s = setup()
    const got: number[][] = []
    s.channel.onMessage((frame) => got.push([...frame]))
    s.peer.emit('data', new Uint8Array([...frameOf(5, 1), ...frameOf(6, 2)]))
    await Promise.resolve()
    expect(got).toEqual([[...frameOf(5, 1)], [...frameOf(6, 2)]])
  })

  it('[WR-1] close() sends what is still in the outbox first', () => {
    const s = setup()
    s.channel.send(frameOf(9, 1))
    s.channel.close()
    expect(s.peer.send).toHaveBeenCalledTimes(1)
    expect(s.peer.destroy).toHaveBeenCalled()
  })
})

describe('createPeerChannel', () => {
  it.each([
    [
      'the data channel fires close',
      (s: ReturnType<typeof setup>) => s.dataChannel.dispatchEvent(new Event('close')),
    ],
    [
      'the data channel fires error',
      (s: ReturnType<typeof setup>) => s.dataChannel.dispatchEvent(new Event('error')),
    ],
    ['the connection turns failed', (s: ReturnType<typeof setup>) => s.pc.become('failed')],
    ['the connection turns closed', (s: ReturnType<typeof setup>) => s.pc.become('closed')],
  ])('[NET-4] closes once when %s, though simple-peer says nothing', (_, cause) => {
    const s = setup()
    cause(s)
    // A second signal of the same close, and simple-peer's own late close, change nothing.
    s.pc.become('closed')
    s.peer.emit('close')

    expect(s.closes).toHaveLength(1)
    expect(s.closes[0]).toBeInstanceOf(Error)
    expect(s.peer.destroy).toHaveBeenCalled()
  })

  it('[NET-4] a connection that is merely disconnected stays open', () => {
    const s = setup()
    s.pc.become('disconnected')
    expect(s.closes).toHaveLength(0)
  })

  it('[NET-1] polls the route every ROUTE_POLL_INTERVAL_MS while open, and stops on close', async () => {
    const s = setup()
    expect(s.channel.route()).toBeNull()
    s.pc.report = [
      { id: 'T', type: 'transport', selectedCandidatePairId: 'P' },
      {
        id: 'P',
        type: 'candidate-pair',
        localCandidateId: 'L',
        remoteCandidateId: 'R',
        currentRoundTripTime: 0.012,
      },
      { id: 'L', type: 'local-candidate', candidateType: 'relay' },
      { id: 'R', type: 'remote-candidate', candidateType: 'srflx' },
    ]
    await s.clock.advance(ROUTE_POLL_INTERVAL_MS)
    expect(s.channel.route()).toEqual({
      path: 'relay',
      rttMs: 12,
      localType: 'relay',
      remoteType: 'srflx',
    })

    s.channel.close()
    s.peer.emit('close')
    const calls = s.pc.statsCalls
    await s.clock.advance(ROUTE_POLL_INTERVAL_MS * 3)
    expect(s.pc.statsCalls).toBe(calls)
  })

  it('[NET-3] ICE disconnected for DISCONNECTED_GRACE_MS: the offerer restarts ICE with fresh servers', async () => {
    const s = setup(true)
    s.peer.emit('iceStateChange', 'disconnected')
    await s.clock.advance(DISCONNECTED_GRACE_MS - 1)
    expect(s.pc.restartIce).not.toHaveBeenCalled()

    await s.clock.advance(1)

    expect(s.refreshIceConfig).toHaveBeenCalledTimes(1)
    expect(s.pc.configuration).toMatchObject(FRESH)
    expect(s.pc.restartIce).toHaveBeenCalledTimes(1)
    expect(s.peer.negotiate).toHaveBeenCalledTimes(1)
    // Reconnected: nothing more happens, the channel stays open.
    s.pc.iceConnectionState = 'connected'
    s.peer.emit('iceStateChange', 'connected')
    await s.clock.advance(RESTART_TIMEOUT_MS * 2)
    expect(s.closes).toHaveLength(0)
  })

  it('[NET-3] a short blip needs no restart', async () => {
    const s = setup(true)
    s.peer.emit('iceStateChange', 'disconnected')
    await s.clock.advance(DISCONNECTED_GRACE_MS / 2)
    s.peer.emit('iceStateChange', 'connected')
    await s.clock.advance(DISCONNECTED_GRACE_MS * 2)
    expect(s.pc.restartIce).not.toHaveBeenCalled()
    expect(s.refreshIceConfig).not.toHaveBeenCalled()
  })

  it('[NET-3] the answerer takes fresh servers but leaves the new offer to the offerer', async () => {
    const s = setup(false)
    s.peer.emit('iceStateChange', 'disconnected')
    await s.clock.advance(DISCONNECTED_GRACE_MS)
    expect(s.pc.configuration).toMatchObject(FRESH)
    expect(s.pc.restartIce).not.toHaveBeenCalled()
    expect(s.peer.negotiate).not.toHaveBeenCalled()
  })

  it('[NET-3] one restart that does not reconnect within RESTART_TIMEOUT_MS closes the channel', async () => {
    const s = setup(true)
    s.pc.iceConnectionState = 'disconnected'
    s.peer.emit('iceStateChange', 'disconnected')
    await s.clock.advance(DISCONNECTED_GRACE_MS)
    s.peer.emit('iceStateChange', 'disconnected')
    await s.clock.advance(RESTART_TIMEOUT_MS - 1)
    expect(s.closes).toHaveLength(0)

    await s.clock.advance(1)

    expect(s.pc.restartIce).toHaveBeenCalledTimes(1)
    expect(s.closes).toHaveLength(1)
    expect(s.closes[0]?.message).toMatch(/ICE restart did not reconnect/)
  })
})
