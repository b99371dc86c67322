import { PIECE_HELD, PIECE_IN_FLIGHT } from '@swarmdrop/engine'

/** Largest cell edge (CSS px): a small file's few pieces still read as a map, not as tiles. */
const MAX_CELL_PX = 18
/** Smallest cell edge with a gap still visible; below it pieces are grouped into one cell. */
const MIN_CELL_PX = 4
/** Height the map aims to fill (CSS px), so it never pushes the rest of the page around. */
export const PIECE_MAP_TARGET_HEIGHT_PX = 120

/** Where cells go: `cols × rows` cells of `cell` px, each standing for `piecesPerCell` pieces. */
export interface PieceMapLayout {
  readonly cols: number
  readonly rows: number
  readonly cell: number
  readonly piecesPerCell: number
  readonly height: number
}

/**
 * Lays out `pieceCount` pieces in a box `width` px wide and about PIECE_MAP_TARGET_HEIGHT_PX tall:
 * one cell per piece while cells stay at least MIN_CELL_PX, else several pieces per cell.
 */
export function pieceMapLayout(pieceCount: number, width: number): PieceMapLayout {
  const usable = Math.max(MIN_CELL_PX, Math.floor(width))
  const count = Math.max(1, pieceCount)
  const ideal = Math.floor(Math.sqrt((usable * PIECE_MAP_TARGET_HEIGHT_PX) / count))
  const cell = Math.max(MIN_CELL_PX, Math.min(MAX_CELL_PX, ideal))
  const cols = Math.max(1, Math.floor(usable / cell))
  const maxRows = Math.max(1, Math.floor(PIECE_MAP_TARGET_HEIGHT_PX / cell))
  const piecesPerCell = Math.max(1, Math.ceil(count / (cols * maxRows)))
  const rows = Math.max(1, Math.ceil(Math.ceil(count / piecesPerCell) / cols))
  return { cols, rows, cell, piecesPerCell, height: rows * cell }
}

/** What one cell shows. */
export type CellKind = 'held' | 'in-flight' | 'missing'

/** A cell's look: its kind and, for missing pieces, the rarest piece's availability. */
export interface CellLook {
  readonly kind: CellKind
  readonly availability: number
}

/**
 * The look of the cell covering pieces `[from, to)`: held only when all are held, in flight when
 * any is, otherwise missing, shaded by the rarest piece (the one rarest first goes for).
 */
export function cellLook(
  states: Uint8Array,
  availability: Uint8Array,
  from: number,
  to: number,
): CellLook {
  let held = 0
  let rarest = Number.POSITIVE_INFINITY
  for (let index = from; index < to; index += 1) {
    const state = states[index]
    if (state === PIECE_IN_FLIGHT) {
      return { kind: 'in-flight', availability: 0 }
    }
    if (state === PIECE_HELD) {
      held += 1
    } else {
      rarest = Math.min(rarest, availability[index] ?? 0)
    }
  }
  return held === to - from
    ? { kind: 'held', availability: 0 }
    : { kind: 'missing', availability: rarest }
}

/** Cell colours; missing pieces go from warm (nobody has it) to dark (many neighbours do). */
export const PIECE_COLOURS = {
  held: '#2357d9',
  inFlight: '#e8a317',
  missingByAvailability: ['#f3b4b4', '#c9d1dc', '#a3aebd', '#7d8a9c', '#5a677a'],
} as const

/** The fill for a cell look. */
export function cellColour(look: CellLook): string {
  if (look.kind === 'held') {
    return PIECE_COLOURS.held
  }
  if (look.kind === 'in-flight') {
    return PIECE_COLOURS.inFlight
  }
  const shades = PIECE_COLOURS.missingByAvailability
  return shades[Math.min(look.availability, shades.length - 1)] ?? shades[0]
}

/** Draws the map on a 2D context already scaled to CSS pixels. */
export function drawPieceMap(
  context: CanvasRenderingContext2D,
  layout: PieceMapLayout,
  states: Uint8Array,
  availability: Uint8Array,
): void {
  const gap = layout.cell >= 8 ? 1 : 0.5
  context.clearRect(0, 0, layout.cols * layout.cell, layout.height)
  const cells = Math.ceil(states.length / layout.piecesPerCell)
  for (let cellIndex = 0; cellIndex < cells; cellIndex += 1) {
    const from = cellIndex * layout.piecesPerCell
    const to = Math.min(states.length, from + layout.piecesPerCell)
    context.fillStyle = cellColour(cellLook(states, availability, from, to))
    const x = (cellIndex % layout.cols) * layout.cell
    const y = Math.floor(cellIndex / layout.cols) * layout.cell
    context.fillRect(x, y, layout.cell - gap, layout.cell - gap)
  }
}
