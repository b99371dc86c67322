import { PIECE_HELD, PIECE_IN_FLIGHT, PIECE_MISSING } from '@swarmdrop/engine'
import { describe, expect, it } from 'vitest'

import {
  PIECE_COLOURS,
  PIECE_MAP_TARGET_HEIGHT_PX,
  cellColour,
  cellLook,
  pieceMapLayout,
} from './piece-map-layout.ts'

describe('pieceMapLayout', () => {
  it('gives a small file large cells, one per piece', () => {
    const layout = pieceMapLayout(16, 600)
    expect(layout.piecesPerCell).toBe(1)
    expect(layout.cell).toBe(18)
    expect(layout.cols * layout.rows).toBeGreaterThanOrEqual(16)
  })

  it('shrinks cells for many pieces, then groups pieces, staying within the target height', () => {
    for (const [count, width] of [
      [256, 600],
      [2000, 600],
      [2000, 340],
      [100_000, 340],
    ] as const) {
      const layout = pieceMapLayout(count, width)
      expect(layout.cols * layout.cell).toBeLessThanOrEqual(width)
      expect(layout.height).toBeLessThanOrEqual(PIECE_MAP_TARGET_HEIGHT_PX)
      expect(layout.cols * layout.rows * layout.piecesPerCell).toBeGreaterThanOrEqual(count)
    }
    expect(pieceMapLayout(100_000, 340).piecesPerCell).toBeGreaterThan(1)
  })
})

describe('cellLook', () => {
  const states = Uint8Array.of(
    PIECE_HELD,
    PIECE_HELD,
    PIECE_MISSING,
    PIECE_IN_FLIGHT,
    PIECE_MISSING,
  )
  const availability = Uint8Array.of(3, 3, 4, 1, 0)

  it('is held only when every piece of the cell is held', () => {
    expect(cellLook(states, availability, 0, 2).kind).toBe('held')
    expect(cellLook(states, availability, 1, 3).kind).toBe('missing')
  })

  it('shows a piece in flight before anything else', () => {
    expect(cellLook(states, availability, 2, 5).kind).toBe('in-flight')
  })

  it('[PP-3] shades missing pieces by the rarest one: warm when no neighbour holds it', () => {
    const rare = cellLook(states, availability, 4, 5)
    expect(rare).toEqual({ kind: 'missing', availability: 0 })
    expect(cellColour(rare)).toBe(PIECE_COLOURS.missingByAvailability[0])
    expect(cellColour({ kind: 'missing', availability: 200 })).toBe(
      PIECE_COLOURS.missingByAvailability[4],
    )
  })
})
