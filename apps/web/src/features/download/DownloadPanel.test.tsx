import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'

import { bindEngine } from '../../store/bind-engine.ts'
import { createSwarmStore } from '../../store/swarm-store.ts'
import type { TrackerStatusView } from '../../store/swarm-store.ts'
import {
  SWARM_A,
  fakeEventSource,
  manualScheduler,
  metadataOf,
  peerStatsOf,
  statsEvent,
} from '../../test-support/engine-events.ts'

import { DownloadPanel } from './DownloadPanel.tsx'

afterEach(cleanup)

/** A store fed by engine events, rendered through the presentational panel. */
function setup() {
  const source = fakeEventSource()
  const scheduler = manualScheduler()
  const store = createSwarmStore()
  bindEngine(source, store, scheduler.schedule)
  let saves = 0
  const show = (tracker: TrackerStatusView = store.getState().tracker) =>
    render(
      <DownloadPanel
        swarm={store.getState().swarms[SWARM_A]}
        tracker={tracker}
        saving={false}
        saveError={null}
        onSave={() => (saves += 1)}
      />,
    )
  return { source, scheduler, show, saves: () => saves }
}

describe('DownloadPanel', () => {
  it('shows a progressbar with integer aria values from verified pieces', () => {
    const { source, scheduler, show } = setup()
    source.emit({ type: 'metadata', swarmId: SWARM_A, metadata: metadataOf(3, 'report.pdf') })
    source.emit(statsEvent({ piecesVerified: 1, downBps: 2048, peers: [peerStatsOf('p1')] }))
    scheduler.run()
    show()

    const bar = screen.getByTestId('progress')
    expect(bar.getAttribute('role')).toBe('progressbar')
    expect(bar.getAttribute('aria-valuemin')).toBe('0')
    expect(bar.getAttribute('aria-valuemax')).toBe('100')
    expect(bar.getAttribute('aria-valuenow')).toBe('33')
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('report.pdf')
    expect(screen.getByText('2.0 KiB/s')).toBeTruthy()
    expect(screen.getByTestId('status').textContent).toBe('Downloading from 1 person.')
    expect(screen.queryByTestId('save-button')).toBeNull()
  })

  it('says "complete", reaches 100 and offers Save once every piece is verified', () => {
    const { source, show, saves } = setup()
    source.emit({ type: 'metadata', swarmId: SWARM_A, metadata: metadataOf(3, 'report.pdf') })
    source.emit({ type: 'complete', swarmId: SWARM_A })
    show()

    expect(screen.getByTestId('status').textContent).toMatch(/complete/)
    expect(screen.getByTestId('progress').getAttribute('aria-valuenow')).toBe('100')
    fireEvent.click(screen.getByTestId('save-button'))
    expect(saves()).toBe(1)
  })

  it('explains an empty swarm and an unreachable tracker without the word "complete"', () => {
    const { source, show } = setup()
    source.emit({ type: 'swarm-size', swarmId: SWARM_A, size: { seeders: 0, leechers: 1 } })
    show('connected')
    const status = screen.getByTestId('status')
    expect(status.textContent).toMatch(/Nobody who has this file is online/)
    expect(status.textContent).not.toMatch(/complete/i)
    expect(screen.getByTestId('progress').getAttribute('aria-valuenow')).toBe('0')
    cleanup()

    show('reconnecting')
    expect(screen.getByTestId('status').textContent).toMatch(/The tracker is unreachable/)
  })

  it('[UX-6] a download stopped for good and gone from the tab keeps its name and says stopped, not looking', () => {
    render(
      <DownloadPanel
        swarm={undefined}
        tracker="connected"
        saving={false}
        saveError={null}
        stopped="clip.webm was removed from this browser in another tab."
        lastFile={{ name: 'clip.webm', size: 2048, mimeType: 'video/webm', pieceCount: 1 }}
        onSave={() => {}}
      />,
    )
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('clip.webm')
    expect(screen.getByTestId('status').textContent).toBe(
      'Stopped: this tab no longer downloads or shares it.',
    )
    expect(screen.getByTestId('download-error').textContent).toMatch(/another tab/)
    expect(screen.queryByTestId('save-button')).toBeNull()
  })
})
