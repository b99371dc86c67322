import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'

import { bindEngine } from '../store/bind-engine.ts'
import { createSwarmStore } from '../store/swarm-store.ts'
import {
  SWARM_A,
  fakeEventSource,
  manualScheduler,
  metadataOf,
} from '../test-support/engine-events.ts'
import { DownloadPanel } from '../features/download/DownloadPanel.tsx'

afterEach(cleanup)

const FOLDER = {
  ...metadataOf(2, 'holiday'),
  mimeType: '',
  files: [
    { path: ['a.txt'], length: 65_536 },
    { path: ['empty'], length: 0 },
    { path: ['sub', 'b.bin'], length: 65_536 },
  ],
}

function renderFolder(complete: boolean) {
  const source = fakeEventSource()
  const store = createSwarmStore()
  bindEngine(source, store, manualScheduler().schedule)
  source.emit({ type: 'metadata', swarmId: SWARM_A, metadata: FOLDER })
  if (complete) {
    source.emit({ type: 'complete', swarmId: SWARM_A })
  }
  const saved: (number | 'all')[] = []
  render(
    <DownloadPanel
      swarm={store.getState().swarms[SWARM_A]}
      tracker="connected"
      saving={false}
      saveError={null}
      onSave={() => saved.push('all')}
      onSaveFile={(index) => saved.push(index)}
    />,
  )
  return saved
}

describe('FileList on the download page', () => {
  it('[MD-7] lists every file with its path and size before the download completes', () => {
    renderFolder(false)
    const rows = screen.getAllByTestId('file-row')
    expect(rows.map((row) => row.getAttribute('data-path'))).toEqual([
      'a.txt',
      'empty',
      'sub/b.bin',
    ])
    expect(rows.map((row) => row.getAttribute('data-size'))).toEqual(['65536', '0', '65536'])
    expect(screen.queryByTestId('save-file-button')).toBeNull()
    expect(screen.queryByTestId('save-button')).toBeNull()
  })

  it('[MD-7] offers Save per file and Save all as a zip once complete', () => {
    const saved = renderFolder(true)
    const buttons = screen.getAllByTestId('save-file-button')
    expect(buttons).toHaveLength(3)
    fireEvent.click(buttons[2] as HTMLElement)
    fireEvent.click(screen.getByTestId('save-button'))
    expect(screen.getByTestId('save-button').textContent).toBe('Save all as holiday.zip')
    expect(saved).toEqual([2, 'all'])
  })
})
