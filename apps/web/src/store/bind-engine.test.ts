import { describe, expect, it } from 'vitest'

import {
  SWARM_A,
  fakeEventSource,
  manualScheduler,
  metadataOf,
  peerId,
  peerStatsOf,
  statsEvent,
} from '../test-support/engine-events.ts'

import { bindEngine } from './bind-engine.ts'
import { createSwarmStore } from './swarm-store.ts'

function setup() {
  const source = fakeEventSource()
  const scheduler = manualScheduler()
  const store = createSwarmStore()
  const unbind = bindEngine(source, store, scheduler.schedule)
  return { source, scheduler, store, unbind }
}

describe('bindEngine', () => {
  it('applies discrete facts at once: torrent, metadata, tracker status, swarm size', () => {
    const { source, store } = setup()
    source.emit({ type: 'torrent-added', swarmId: SWARM_A, seeding: false })
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

  it('never lets verified pieces go backwards and completes at the piece count', () => {
    const { source, scheduler, store } = setup()
    source.emit({ type: 'metadata', swarmId: SWARM_A, metadata: metadataOf(4) })
    source.emit(statsEvent({ piecesVerified: 3 }))
    scheduler.run()
    source.emit(statsEvent({ piecesVerified: 2 }))
    scheduler.run()
    expect(store.getState().swarms[SWARM_A]?.piecesVerified).toBe(3)

    source.emit({ type: 'complete', swarmId: SWARM_A })
    expect(store.getState().swarms[SWARM_A]).toMatchObject({ complete: true, piecesVerified: 4 })
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
