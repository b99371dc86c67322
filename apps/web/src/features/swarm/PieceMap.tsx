import type { TFunction } from 'i18next'
import { memo, useEffect, useId, useMemo, useRef } from 'react'
import { useTranslation } from 'react-i18next'

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
export function pieceMapSummary(map: PieceMapView | null, t: TFunction): string {
  if (map === null) {
    return t('swarm.pieces.none')
  }
  const counts = t('swarm.pieces.summary', {
    held: map.held,
    total: map.pieceCount,
    inFlight: map.inFlight,
    missing: map.missing,
  })
  const rare = map.unavailable === 0 ? '' : t('swarm.pieces.unavailable', { n: map.unavailable })
  const endgame = map.inEndgame ? t('swarm.pieces.endgame') : ''
  return `${counts}${rare}${endgame}`
}

/**
 * One cell per piece: held, downloading, or missing shaded by how many neighbours hold it, so
 * rarest first can be watched. Drawn on a canvas in an effect; React only renders the frame and
 * the text summary. The data-* counts are for tests.
 */
export const PieceMap = memo(function PieceMap({ map }: PieceMapProps) {
  const { t } = useTranslation()
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

  const summary = pieceMapSummary(map, t)
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
        <h3>{t('swarm.pieces.title')}</h3>
      </figcaption>
      <div ref={frame} className="piece-map-frame" style={{ minHeight: layout.height }}>
        <canvas
          ref={canvas}
          role="img"
          aria-describedby={summaryId}
          aria-label={t('swarm.pieces.mapLabel')}
          style={{ width: layout.cols * layout.cell, height: layout.height }}
        />
      </div>
      <p id={summaryId} className="small num piece-map-summary">
        {summary}
      </p>
      <ul className="legend small" aria-label={t('swarm.pieces.legendLabel')}>
        <li>
          <span className="swatch" style={{ background: PIECE_COLOURS.held }} />{' '}
          {t('swarm.pieces.held')}
        </li>
        <li>
          <span className="swatch" style={{ background: PIECE_COLOURS.inFlight }} />{' '}
          {t('swarm.pieces.downloading')}
        </li>
        <li>
          <span className="swatch" style={{ background: PIECE_COLOURS.missingByAvailability[0] }} />{' '}
          {t('swarm.pieces.missingNone')}
        </li>
        <li>
          <span className="swatch" style={{ background: PIECE_COLOURS.missingByAvailability[4] }} />{' '}
          {t('swarm.pieces.missingMany')}
        </li>
      </ul>
      {layout.piecesPerCell > 1 ? (
        <p className="small muted">{t('swarm.pieces.perCell', { n: layout.piecesPerCell })}</p>
      ) : null}
    </figure>
  )
})
