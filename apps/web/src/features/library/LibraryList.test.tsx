import type { SwarmId } from '@swarmdrop/protocol'
import { HASH_BYTES } from '@swarmdrop/protocol'
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { libraryRow, mergeRows } from './Library.tsx'
import { LibraryList } from './LibraryList.tsx'

afterEach(cleanup)

const metadata = {
  name: 'film.mkv',
  size: 4 * 65_536,
  mimeType: 'video/x-matroska',
  pieceLength: 65_536,
  pieceHashes: new Uint8Array(4 * HASH_BYTES),
}

describe('mergeRows', () => {
  const disk = (swarmId: string) =>
    ({ swarmId, name: `${swarmId}.bin`, size: 1, percent: 50, state: 'downloading' }) as const

  it('[UX-5][UX-6] puts live shares first and leaves out removals and what another tab removed', () => {
    const sharing = [{ swarmId: 'live' as SwarmId, name: 'live.bin', size: 1 }]
    const rows = mergeRows([disk('a'), disk('b'), disk('c'), disk('live')], sharing, ['b'], ['c'])
    expect(rows.map((row) => [row.swarmId, row.state])).toEqual([
      ['live', 'sharing'],
      ['a', 'downloading'],
    ])
  })
})

describe('libraryRow', () => {
  it('reports a partial download with its share of pieces on disk', () => {
    expect(libraryRow({ swarmId: 'a', metadata, storedPieces: 1, seeding: false })).toEqual({
      swarmId: 'a',
      name: 'film.mkv',
      size: 4 * 65_536,
      percent: 25,
      state: 'downloading',
    })
  })

  it('reports a whole download as done and a seeded file as seeding', () => {
    expect(libraryRow({ swarmId: 'a', metadata, storedPieces: 4, seeding: false })?.state).toBe(
      'done',
    )
    const seeded = libraryRow({ swarmId: 'b', metadata, storedPieces: 0, seeding: true })
    expect(seeded?.state).toBe('seeding')
    expect(seeded?.percent).toBe(100)
  })

  it('leaves out a folder without readable metadata', () => {
    expect(libraryRow({ swarmId: 'c', metadata: null, storedPieces: 3, seeding: false })).toBeNull()
  })
})

describe('LibraryList', () => {
  it('lists each swarm with a link, its state and progress, and removes on click', () => {
    const onRemove = vi.fn()
    render(
      <LibraryList
        rows={[
          {
            swarmId: 'ab'.repeat(32),
            name: 'film.mkv',
            size: 100,
            percent: 25,
            state: 'downloading',
          },
          { swarmId: 'cd'.repeat(32), name: 'disk.iso', size: 100, percent: 100, state: 'done' },
        ]}
        onRemove={onRemove}
      />,
    )
    const rows = screen.getAllByTestId('library-row')
    expect(rows.map((row) => row.dataset['state'])).toEqual(['downloading', 'done'])
    expect(screen.getByRole('link', { name: 'film.mkv' }).getAttribute('href')).toBe(
      `#2.${'q6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6s'}`,
    )
    fireEvent.click(screen.getAllByTestId('library-remove')[1] as HTMLElement)
    expect(onRemove).toHaveBeenCalledWith('cd'.repeat(32), 'disk.iso')
    expect(screen.getByRole('button', { name: 'Remove disk.iso' })).toBeTruthy()
  })

  it('renders nothing for an empty library', () => {
    render(<LibraryList rows={[]} onRemove={() => {}} />)
    expect(screen.queryByTestId('library')).toBeNull()
  })
})
