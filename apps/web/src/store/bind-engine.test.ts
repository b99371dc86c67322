import { afterEach, describe, expect, it, vi } from 'vitest'

import {
  SWARM_A,
  fakeEventSource,
  manualScheduler,
  metadataOf,
  peerId,
  peerStatsOf,
  statsEvent,
} from '../test-support/engine-events.ts'

import { bindEngine, immediateScheduler, throttledScheduler } from './bind-engine.ts'
import { progressPercent } from './selectors.ts'
import { createSwarmStore } from './swarm-store.ts'

function setup() {
  const source = fakeEventSource()
  const scheduler = manualScheduler()
  const store = createSwarmStore()
  const unbind = bindEngine(source, store, scheduler.schedule)
  return { source, scheduler, store, unbind }
}

describe('bindEngine', () => {
  it('[EN-11] remembers our progress when a neighbour holding the whole file leaves first', () => {
    const { source, scheduler, store } = setup()
    source.emit({
      type: 'swarm-added',
      swarmId: SWARM_A,
      seeding: false,
      passwordRequired: false,
    })
    source.emit({ type: 'metadata', swarmId: SWARM_A, metadata: metadataOf(20) })
    source.emit(
      statsEvent({
        pieceCount: 20,
        piecesVerified: 9,
        peers: [peerStatsOf('seed', { piecesHeld: 20 }), peerStatsOf('leech', { piecesHeld: 3 })],
      }),
    )
    scheduler.run()
    const leave = (id: string) =>
      source.emit({
        type: 'peer-disconnected',
        swarmId: SWARM_A,
        peerId: peerId(id),
        reason: 'idle: nothing received for 20 s',
      })
    leave('leech')
    expect(store.getState().swarms[SWARM_A]?.senderLeftAtPercent).toBeNull()
    leave('seed')
    const swarm = store.getState().swarms[SWARM_A]
    expect(swarm?.senderLeftAtPercent).toBe(45)
    expect(swarm?.peers).toEqual([])
  })

  it('takes whether a relay is available from the source, unknown (null) until told', () => {
    const source = fakeEventSource()
    let tell: (available: boolean) => void = () => undefined
    const store = createSwarmStore()
    const unbind = bindEngine(
      {
        ...source,
        onRelayAvailable(callback) {
          tell = callback
          return () => {
            tell = () => undefined
          }
        },
      },
      store,
      immediateScheduler,
    )
    expect(store.getState().relayAvailable).toBeNull()
    tell(true)
    expect(store.getState().relayAvailable).toBe(true)
    unbind()
    tell(false)
    expect(store.getState().relayAvailable).toBe(true)
  })

  it('applies discrete facts at once: torrent, metadata, tracker status, swarm size', () => {
    const { source, store } = setup()
    source.emit({
      type: 'swarm-added',
      swarmId: SWARM_A,
      seeding: false,
      passwordRequired: false,
    })
    source.emit({ type: 'metadata', swarmId: SWARM_A, metadata: metadataOf(8, 'a.bin') })
    source.emit({ type: 'tracker-status', status: 'reconnecting' })
    source.emit({ type: 'swarm-size', swarmId: SWARM_A, size: { seeders: 2, leechers: 3 } })

    const state = store.getState()
    expect(state.tracker).toBe('reconnecting')
    expect(state.swarms[SWARM_A]?.file).toEqual({
      name: 'a.bin',
      size: 8 * 65_536,
      mimeType: 'video/mp4',
      pieceCount: 8,
    })
    expect(state.swarms[SWARM_A]?.size).toEqual({ seeders: 2, leechers: 3 })
    expect(state.swarms[SWARM_A]?.complete).toBe(false)
  })

  it('[EN-5] batches stats: only the latest snapshot of a swarm lands, once flushed', () => {
    const { source, scheduler, store } = setup()
    source.emit(statsEvent({ uploadedBytes: 10, peers: [peerStatsOf('p1')] }))
    source.emit(statsEvent({ uploadedBytes: 20, peers: [peerStatsOf('p2'), peerStatsOf('p1')] }))
    expect(store.getState().swarms[SWARM_A]).toBeUndefined()

    scheduler.run()
    const swarm = store.getState().swarms[SWARM_A]
    expect(swarm?.uploadedBytes).toBe(20)
    expect(swarm?.peers.map((p) => p.peerId)).toEqual(['p1', 'p2'])
  })

  it('flushes pending stats before a disconnect, so the old snapshot cannot bring the peer back', () => {
    const { source, scheduler, store } = setup()
    source.emit(statsEvent({ peers: [peerStatsOf('p1'), peerStatsOf('p2')] }))
    source.emit({
      type: 'peer-disconnected',
      swarmId: SWARM_A,
      peerId: peerId('p1'),
      reason: 'closed',
    })
    scheduler.run()
    expect(store.getState().swarms[SWARM_A]?.peers.map((p) => p.peerId)).toEqual(['p2'])
  })

  it('adds a connected peer as choked and uninterested both ways (BEP 3 initial state)', () => {
    const { source, store } = setup()
    source.emit({ type: 'peer-connected', swarmId: SWARM_A, peerId: peerId('p9') })
    expect(store.getState().swarms[SWARM_A]?.peers).toEqual([
      expect.objectContaining({
        peerId: 'p9',
        amChoking: true,
        peerChoking: true,
        amInterested: false,
        peerInterested: false,
      }),
    ])
  })

  it('never lets verified pieces go backwards; completion shows 100 % from the complete flag', () => {
    const { source, scheduler, store } = setup()
    source.emit({ type: 'metadata', swarmId: SWARM_A, metadata: metadataOf(4) })
    source.emit(statsEvent({ piecesVerified: 3 }))
    scheduler.run()
    source.emit(statsEvent({ piecesVerified: 2 }))
    scheduler.run()
    expect(store.getState().swarms[SWARM_A]?.piecesVerified).toBe(3)

    source.emit({ type: 'complete', swarmId: SWARM_A })
    // The count stays the engine's until its next snapshot says 4; progress reads `complete`.
    expect(store.getState().swarms[SWARM_A]).toMatchObject({ complete: true, piecesVerified: 3 })
    expect(progressPercent(store.getState().swarms[SWARM_A])).toBe(100)
    source.emit(statsEvent({ piecesVerified: 4 }))
    scheduler.run()
    expect(store.getState().swarms[SWARM_A]?.piecesVerified).toBe(4)
  })

  it('stops listening and drops queued stats after unsubscribe', () => {
    const { source, scheduler, store, unbind } = setup()
    source.emit(statsEvent({ uploadedBytes: 5 }))
    unbind()
    expect(scheduler.pending()).toBe(false)
    source.emit({ type: 'tracker-status', status: 'connected' })
    expect(store.getState().tracker).toBe('connecting')
    expect(store.getState().swarms[SWARM_A]).toBeUndefined()
  })
})

describe('bindEngine batching', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('[EN-5] piecesVerified has one source: the stats count, never piece-verified events', () => {
    const { source, scheduler, store } = setup()
    source.emit({ type: 'metadata', swarmId: SWARM_A, metadata: metadataOf(8) })
    let updates = 0
    store.subscribe(() => (updates += 1))
    for (let index = 0; index < 5; index += 1) {
      source.emit({ type: 'piece-verified', swarmId: SWARM_A, index: index as never })
    }
    source.emit(statsEvent({ piecesVerified: 4 }))
    expect(updates).toBe(0)
    scheduler.run()
    expect(updates).toBe(1)
    expect(store.getState().swarms[SWARM_A]?.piecesVerified).toBe(4)

    // A burst of piece-verified events alone neither renders nor counts.
    for (let index = 5; index < 8; index += 1) {
      source.emit({ type: 'piece-verified', swarmId: SWARM_A, index: index as never })
    }
    expect(scheduler.pending()).toBe(false)
    expect(store.getState().swarms[SWARM_A]?.piecesVerified).toBe(4)
  })

  it('renders every hot event at once with the immediate scheduler (the unbatched baseline)', () => {
    const source = fakeEventSource()
    const store = createSwarmStore()
    bindEngine(source, store, immediateScheduler)
    let updates = 0
    store.subscribe(() => (updates += 1))
    source.emit(statsEvent({ uploadedBytes: 1 }))
    source.emit(statsEvent({ uploadedBytes: 2 }))
    expect(updates).toBe(2)
    expect(store.getState().swarms[SWARM_A]?.uploadedBytes).toBe(2)
  })

  it('throttles flushes to one per interval, the first without delay', () => {
    vi.useFakeTimers()
    let now = 0
    const schedule = throttledScheduler(250, () => now)
    const flushes: number[] = []
    schedule(() => flushes.push(now))
    vi.advanceTimersByTime(0)
    now = 10
    schedule(() => flushes.push(now))
    vi.advanceTimersByTime(200)
    expect(flushes).toEqual([0])
    now = 250
    vi.advanceTimersByTime(40)
    expect(flushes).toEqual([0, 250])
  })

  it('[CK-1] keeps choke rounds and stamps joining and completion on the engine clock', () => {
    const source = fakeEventSource()
    const scheduler = manualScheduler()
    const store = createSwarmStore()
    let now = 100
    bindEngine(source, store, scheduler.schedule, () => now)
    source.emit({
      type: 'swarm-added',
      swarmId: SWARM_A,
      seeding: false,
      passwordRequired: false,
    })
    source.emit({
      type: 'choke-round',
      round: {
        swarmId: SWARM_A,
        at: 500,
        optimisticRotated: true,
        seeding: false,
        ranked: [],
        unchoked: [peerId('p1')],
        choked: [],
        optimistic: peerId('p1'),
      },
    })
    now = 900
    source.emit({ type: 'complete', swarmId: SWARM_A })
    const swarm = store.getState().swarms[SWARM_A]
    expect(swarm).toMatchObject({ joinedAt: 100, completedAt: 900, chokeRounds: 1 })
    expect(swarm?.chokeLog[0]).toMatchObject({ kind: 'optimistic', optimistic: 'p1', seq: 1 })
  })
})
