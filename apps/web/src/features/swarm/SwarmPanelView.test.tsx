import { PIECE_HELD, PIECE_IN_FLIGHT, PIECE_MISSING } from '@swarmdrop/engine'
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'

import { bindEngine } from '../../store/bind-engine.ts'
import { selectTotalUploadedBytes } from '../../store/selectors.ts'
import { createSwarmStore } from '../../store/swarm-store.ts'
import {
  SWARM_A,
  fakeEventSource,
  manualScheduler,
  metadataOf,
  peerId,
  peerStatsOf,
  statsEvent,
} from '../../test-support/engine-events.ts'
import { quietCanvas } from '../../test-support/jsdom-canvas.ts'

import { SwarmPanelView } from './SwarmPanelView.tsx'

beforeAll(quietCanvas)
afterEach(cleanup)

/** A store fed through bindEngine with a clock the test sets. */
function setup() {
  const source = fakeEventSource()
  const scheduler = manualScheduler()
  const store = createSwarmStore()
  let now = 0
  bindEngine(source, store, scheduler.schedule, () => now)
  const show = () => {
    const state = store.getState()
    return render(
      <SwarmPanelView
        swarm={state.swarms[SWARM_A]}
        tracker={state.tracker}
        uploadedBytes={selectTotalUploadedBytes(state)}
      />,
    )
  }
  return { source, scheduler, store, show, setNow: (ms: number) => (now = ms) }
}

describe('SwarmPanelView', () => {
  it('renders one peer-row per neighbour with its contract attributes', () => {
    const source = fakeEventSource()
    const scheduler = manualScheduler()
    const store = createSwarmStore()
    bindEngine(source, store, scheduler.schedule)
    source.emit({ type: 'tracker-status', status: 'connected' })
    source.emit({ type: 'swarm-size', swarmId: SWARM_A, size: { seeders: 1, leechers: 2 } })
    source.emit(
      statsEvent({
        uploadedBytes: 123_456.9,
        peers: [
          peerStatsOf('zeta', { amChoking: false, peerInterested: true, upBps: 1500.6 }),
          peerStatsOf('alpha', { peerChoking: false, amInterested: true, downBps: 99.4 }),
        ],
      }),
    )
    scheduler.run()

    const state = store.getState()
    render(
      <SwarmPanelView
        swarm={state.swarms[SWARM_A]}
        tracker={state.tracker}
        uploadedBytes={selectTotalUploadedBytes(state)}
      />,
    )

    const rows = screen.getAllByTestId('peer-row')
    const attrs = (el: HTMLElement) =>
      Object.fromEntries(
        [
          'data-peer-id',
          'data-am-choking',
          'data-peer-choking',
          'data-am-interested',
          'data-peer-interested',
          'data-down-bps',
          'data-up-bps',
        ].map((name) => [name, el.getAttribute(name)]),
      )
    expect(rows.map(attrs)).toEqual([
      {
        'data-peer-id': 'alpha',
        'data-am-choking': 'true',
        'data-peer-choking': 'false',
        'data-am-interested': 'true',
        'data-peer-interested': 'false',
        'data-down-bps': '99',
        'data-up-bps': '0',
      },
      {
        'data-peer-id': 'zeta',
        'data-am-choking': 'false',
        'data-peer-choking': 'true',
        'data-am-interested': 'false',
        'data-peer-interested': 'true',
        'data-down-bps': '0',
        'data-up-bps': '1501',
      },
    ])
    expect(screen.getByTestId('uploaded-bytes').getAttribute('data-bytes')).toBe('123456')
    expect(screen.getByText('1 seeder, 2 leechers')).toBeTruthy()
    expect(screen.getByText('Connected')).toBeTruthy()
  })

  it('[NET-1] shows how each neighbour is reached: data-path once known, RTT, and at a glance', () => {
    const { source, scheduler, show } = setup()
    const route = (path: 'direct' | 'relay', rttMs: number | null, localType = 'host') => ({
      path,
      rttMs,
      localType,
      remoteType: path === 'relay' ? 'relay' : 'srflx',
    })
    source.emit(
      statsEvent({
        peers: [
          peerStatsOf('aaaa', { route: route('direct', 12) }),
          peerStatsOf('bbbb', { route: route('relay', 80, 'srflx') }),
          peerStatsOf('cccc', { route: route('direct', null) }),
          peerStatsOf('dddd'),
        ],
      }),
    )
    scheduler.run()
    show()

    const rows = screen.getAllByTestId('peer-row')
    expect(rows.map((row) => row.getAttribute('data-path'))).toEqual([
      'direct',
      'relay',
      'direct',
      null,
    ])
    expect(within(rows[0] as HTMLElement).getByText('direct (host ↔ srflx)')).toBeTruthy()
    expect(within(rows[0] as HTMLElement).getByText('12 ms')).toBeTruthy()
    expect(within(rows[1] as HTMLElement).getByText('relayed (srflx ↔ relay)')).toBeTruthy()
    expect(screen.getByTestId('neighbour-paths').textContent).toBe('4 (2 direct, 1 relayed)')
  })

  it('[NET-1] keeps a row object whose route did not change, and replaces it when it does', () => {
    const { source, scheduler, store } = setup()
    const direct = { path: 'direct', rttMs: 10, localType: 'host', remoteType: 'host' } as const
    source.emit(statsEvent({ peers: [peerStatsOf('aaaa', { route: { ...direct } })] }))
    scheduler.run()
    const first = store.getState().swarms[SWARM_A]?.peers[0]
    source.emit(statsEvent({ peers: [peerStatsOf('aaaa', { route: { ...direct } })] }))
    scheduler.run()
    expect(store.getState().swarms[SWARM_A]?.peers[0]).toBe(first)
    source.emit(statsEvent({ peers: [peerStatsOf('aaaa', { route: { ...direct, rttMs: 11 } })] }))
    scheduler.run()
    expect(store.getState().swarms[SWARM_A]?.peers[0]).not.toBe(first)
  })

  it('has no peer rows and a zero upload before anything happened', () => {
    render(<SwarmPanelView swarm={undefined} tracker="connecting" uploadedBytes={0} />)
    expect(screen.queryAllByTestId('peer-row')).toHaveLength(0)
    expect(screen.getByTestId('uploaded-bytes').getAttribute('data-bytes')).toBe('0')
    expect(screen.getByTestId('dial-figures').textContent).toContain('none')
  })

  it('[EN-12] shows the peers found and the failed dials by cause in plain words', () => {
    const { source, scheduler, show } = setup()
    source.emit(
      statsEvent({
        peersOffered: 3,
        dialFailures: {
          ERR_DIAL_TIMEOUT: 2,
          ERR_ICE_FAILED: 1,
          ERR_PEER_UNREACHABLE: 0,
          ERR_DIAL_CLOSED: 0,
          ERR_DIAL_OTHER: 0,
        },
        lastDialFailure: { code: 'ERR_ICE_FAILED', at: 30_000 },
      }),
    )
    scheduler.run()
    show()
    const figures = screen.getByTestId('dial-figures')
    expect(figures.getAttribute('data-peers-offered')).toBe('3')
    expect(figures.getAttribute('data-err-dial-timeout')).toBe('2')
    expect(within(figures).getByText('2 timed out, 1 blocked (ICE failed)')).toBeTruthy()
  })
})

describe('SwarmPanelView, live parts', () => {
  it('[PP-3] shows the piece map with counts as data attributes and an accessible summary', () => {
    const { source, scheduler, show } = setup()
    source.emit({ type: 'metadata', swarmId: SWARM_A, metadata: metadataOf(4) })
    source.emit(
      statsEvent({
        pieceCount: 4,
        pieceStates: Uint8Array.of(PIECE_HELD, PIECE_IN_FLIGHT, PIECE_MISSING, PIECE_MISSING),
        availability: Uint8Array.of(1, 1, 0, 2),
      }),
    )
    scheduler.run()
    show()
    const map = screen.getByTestId('piece-map')
    expect(map.dataset).toMatchObject({
      pieceCount: '4',
      held: '1',
      inFlight: '1',
      missing: '2',
      unavailable: '1',
    })
    const canvas = within(map).getByRole('img', { name: 'Piece map' })
    const summary = document.getElementById(canvas.getAttribute('aria-describedby') ?? '')
    expect(summary?.textContent).toBe(
      '1 of 4 pieces held, 1 downloading, 2 missing (1 held by no neighbour)',
    )
  })

  it('[CK-2][CK-4] logs choke rounds newest first with who was unchoked or choked and their rate', () => {
    const { source, show } = setup()
    const round = (optimisticRotated: boolean, at: number) =>
      source.emit({
        type: 'choke-round',
        round: {
          swarmId: SWARM_A,
          at,
          optimisticRotated,
          seeding: false,
          ranked: [
            { peerId: peerId('fastpeer1'), rate: 2048 },
            { peerId: peerId('slowpeer1'), rate: 0 },
          ],
          unchoked: [peerId('fastpeer1'), peerId('luckyone1')],
          choked: [peerId('slowpeer1')],
          optimistic: peerId('luckyone1'),
        },
      })
    source.emit({
      type: 'swarm-added',
      swarmId: SWARM_A,
      seeding: false,
      passwordRequired: false,
    })
    round(false, 1000)
    round(true, 2000)
    show()
    const log = screen.getByTestId('choker-log')
    expect(log.dataset).toMatchObject({ rounds: '2', optimisticRotations: '1' })
    const events = within(log).getAllByTestId('choke-event')
    expect(events.map((e) => e.dataset['kind'])).toEqual(['optimistic', 'round'])
    expect(events[1]?.dataset).toMatchObject({
      unchoked: 'fastpeer1 luckyone1',
      choked: 'slowpeer1',
      optimistic: 'luckyone1',
    })
    expect(events[1]?.textContent).toContain(
      'Unchoked fastpeer (2.0 KiB/s), luckyone (not interested); choked slowpeer (0 B/s)',
    )
    expect(events[0]?.textContent).toMatch(/^\+2\.0 s/)
  })

  it('marks the optimistic unchoke, shows how much each holds and sorts by keyboard', () => {
    const { source, scheduler, show, setNow } = setup()
    source.emit({ type: 'metadata', swarmId: SWARM_A, metadata: metadataOf(10) })
    setNow(65_000)
    source.emit(
      statsEvent({
        peers: [
          peerStatsOf('aaaa', { piecesHeld: 10, downBps: 10, connectedAt: 5_000 }),
          peerStatsOf('bbbb', { piecesHeld: 3, downBps: 99, optimistic: true, connectedAt: 0 }),
        ],
      }),
    )
    scheduler.run()
    show()
    const rows = () => screen.getAllByTestId('peer-row')
    expect(rows().map((r) => r.dataset['peerId'])).toEqual(['aaaa', 'bbbb'])
    expect(rows()[1]?.dataset).toMatchObject({ optimistic: 'true', piecesHeld: '3' })
    expect(within(rows()[1] as HTMLElement).getByText('optimistic')).toBeTruthy()
    expect(within(rows()[0] as HTMLElement).getByText('100%')).toBeTruthy()
    expect(within(rows()[0] as HTMLElement).getByText('1 min 0 s')).toBeTruthy()

    const byRate = screen.getByRole('button', { name: /From them/ })
    byRate.focus()
    fireEvent.click(byRate)
    expect(rows().map((r) => r.dataset['peerId'])).toEqual(['bbbb', 'aaaa'])
    expect(byRate.closest('th')?.getAttribute('aria-sort')).toBe('descending')
  })

  it('shows swarm size, share ratio and the distribution-time bound next to elapsed time', () => {
    const { source, scheduler, show, setNow } = setup()
    setNow(1000)
    source.emit({
      type: 'swarm-added',
      swarmId: SWARM_A,
      seeding: false,
      passwordRequired: false,
    })
    source.emit({ type: 'metadata', swarmId: SWARM_A, metadata: metadataOf(16) })
    source.emit({ type: 'swarm-size', swarmId: SWARM_A, size: { seeders: 1, leechers: 1 } })
    setNow(3000)
    source.emit(
      statsEvent({
        pieceCount: 16,
        downloadedBytes: 16 * 65_536,
        uploadedBytes: 8 * 65_536,
        downBps: 1_048_576,
        peers: [peerStatsOf('seed', { piecesHeld: 16, downBps: 1_048_576 })],
      }),
    )
    scheduler.run()
    source.emit({ type: 'complete', swarmId: SWARM_A })
    show()
    // F = 1 MiB; u_s = d_min = 1 MiB/s (peaks); N = 1; no upload: every term is 1 s.
    expect(screen.getByTestId('swarm-glance').dataset).toMatchObject({
      seeders: '1',
      leechers: '1',
      shareRatio: '0.500',
      elapsedMs: '2000',
      boundMs: '1000',
    })
  })

  it('draws throughput charts from the samples (figures as data; uPlot needs a real browser)', () => {
    const { source, scheduler, show } = setup()
    for (const downBps of [100, 300, 200]) {
      source.emit(statsEvent({ downBps, upBps: downBps / 2 }))
      scheduler.run()
    }
    show()
    const [down, up] = screen.getAllByTestId('throughput-chart')
    expect(down?.dataset).toMatchObject({
      direction: 'down',
      samples: '3',
      latestBps: '200',
      peakBps: '300',
    })
    expect(up?.dataset).toMatchObject({ direction: 'up', latestBps: '100', peakBps: '150' })
  })
})
