import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'

import { bindEngine } from '../../store/bind-engine.ts'
import { selectTotalUploadedBytes } from '../../store/selectors.ts'
import { createSwarmStore } from '../../store/swarm-store.ts'
import {
  SWARM_A,
  fakeEventSource,
  manualScheduler,
  peerStatsOf,
  statsEvent,
} from '../../test-support/engine-events.ts'

import { SwarmPanelView } from './SwarmPanelView.tsx'

afterEach(cleanup)

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

  it('has no peer rows and a zero upload before anything happened', () => {
    render(<SwarmPanelView swarm={undefined} tracker="connecting" uploadedBytes={0} />)
    expect(screen.queryAllByTestId('peer-row')).toHaveLength(0)
    expect(screen.getByTestId('uploaded-bytes').getAttribute('data-bytes')).toBe('0')
  })
})
