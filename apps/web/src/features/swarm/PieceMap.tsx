import { memo, useEffect, useId, useMemo, useRef } from 'react'

import type { PieceMapView } from '../../store/swarm-store.ts'
import { useElementWidth } from '../../hooks/useElementWidth.ts'

import { PIECE_COLOURS, drawPieceMap, pieceMapLayout } from './piece-map-layout.ts'

/** Props of PieceMap. */
export interface PieceMapProps {
  readonly map: PieceMapView | null
}

/** Width assumed before the first measurement (and in jsdom). */
const FALLBACK_WIDTH_PX = 600

/** The text people with screen readers get, and everyone gets under the map. */
export function pieceMapSummary(map: PieceMapView | null): string {
  if (map === null) {
    return 'No pieces yet: the piece map appears once the file details arrive.'
  }
  const rare = map.unavailable === 0 ? '' : ` (${map.unavailable} held by no neighbour)`
  const endgame = map.inEndgame ? ', end game' : ''
  return `${map.held} of ${map.pieceCount} pieces held, ${map.inFlight} downloading, ${map.missing} missing${rare}${endgame}`
}

/**
 * One cell per piece: held, downloading, or missing shaded by how many neighbours hold it, so
 * rarest first can be watched. Drawn on a canvas in an effect; React only renders the frame and
 * the text summary. The data-* counts are for tests.
 */
export const PieceMap = memo(function PieceMap({ map }: PieceMapProps) {
  const frame = useRef<HTMLDivElement>(null)
  const canvas = useRef<HTMLCanvasElement>(null)
  const summaryId = useId()
  const width = useElementWidth(frame, FALLBACK_WIDTH_PX)
  const pieceCount = map?.pieceCount ?? 0
  const layout = useMemo(() => pieceMapLayout(pieceCount, width), [pieceCount, width])

  useEffect(() => {
    const element = canvas.current
    const context = element?.getContext('2d') ?? null
    if (element === null || context === null || map === null) {
      return
    }
    const ratio = window.devicePixelRatio || 1
    element.width = Math.round(layout.cols * layout.cell * ratio)
    element.height = Math.round(layout.height * ratio)
    context.setTransform(ratio, 0, 0, ratio, 0, 0)
    drawPieceMap(context, layout, map.states, map.availability)
  }, [map, layout])

  const summary = pieceMapSummary(map)
  return (
    <figure
      className="piece-map"
      data-testid="piece-map"
      data-piece-count={map?.pieceCount ?? 0}
      data-held={map?.held ?? 0}
      data-in-flight={map?.inFlight ?? 0}
      data-missing={map?.missing ?? 0}
      data-unavailable={map?.unavailable ?? 0}
      data-pieces-per-cell={layout.piecesPerCell}
    >
      <figcaption>
        <h3>Pieces</h3>
      </figcaption>
      <div ref={frame} className="piece-map-frame" style={{ minHeight: layout.height }}>
        <canvas
          ref={canvas}
          role="img"
          aria-describedby={summaryId}
          aria-label="Piece map"
          style={{ width: layout.cols * layout.cell, height: layout.height }}
        />
      </div>
      <p id={summaryId} className="small num piece-map-summary">
        {summary}
      </p>
      <ul className="legend small" aria-label="Piece map colours">
        <li>
          <span className="swatch" style={{ background: PIECE_COLOURS.held }} /> held
        </li>
        <li>
          <span className="swatch" style={{ background: PIECE_COLOURS.inFlight }} /> downloading
        </li>
        <li>
          <span className="swatch" style={{ background: PIECE_COLOURS.missingByAvailability[0] }} />{' '}
          missing, no neighbour has it
        </li>
        <li>
          <span className="swatch" style={{ background: PIECE_COLOURS.missingByAvailability[4] }} />{' '}
          missing, many neighbours have it
        </li>
      </ul>
      {layout.piecesPerCell > 1 ? (
        <p className="small muted">Each cell stands for {layout.piecesPerCell} pieces.</p>
      ) : null}
    </figure>
  )
})
