import { NO_DIALS } from '@swarmdrop/engine'
import { memo } from 'react'
import { useTranslation } from 'react-i18next'

import { neighbourCount, routeCounts } from '../../store/selectors.ts'
import {
  boundInputsOf,
  distributionBound,
  elapsedMs,
  etaMs,
  shareRatio,
} from '../../store/swarm-figures.ts'
import type { SwarmView, TrackerStatusView } from '../../store/swarm-store.ts'

import { ChokerLog } from './ChokerLog.tsx'
import { DialFigures } from './DialFigures.tsx'
import { ProofFigures } from './ProofFigures.tsx'
import { PeerTable } from './PeerTable.tsx'
import { PieceMap } from './PieceMap.tsx'
import { SwarmGlance } from './SwarmGlance.tsx'
import type { GlanceFigures } from './SwarmGlance.tsx'
import { ThroughputChart } from './ThroughputChart.tsx'

const NO_REFUSALS = { proofFailed: 0, wrongPassword: 0 } as const

/** Props of SwarmPanelView. */
export interface SwarmPanelViewProps {
  readonly swarm: SwarmView | undefined
  readonly tracker: TrackerStatusView
  /** This tab's upload over all its swarms, bytes. */
  readonly uploadedBytes: number
}

/** The at-a-glance figures of a swarm (pure; see swarm-figures.ts). */
export function glanceOf(swarm: SwarmView | undefined): GlanceFigures {
  return {
    seeders: swarm?.size?.seeders ?? null,
    leechers: swarm?.size?.leechers ?? null,
    neighbours: neighbourCount(swarm),
    ...routeCounts(swarm),
    shareRatio: shareRatio(swarm),
    etaMs: etaMs(swarm),
    elapsedMs: elapsedMs(swarm),
    complete: swarm?.complete === true,
    seeding: swarm?.seeding === true,
    bound: distributionBound(boundInputsOf(swarm)),
  }
}

const EMPTY_SERIES = { at: [], downBps: [], upBps: [] }

/**
 * The live swarm panel, shared by the seeding and download views; renders props only. Each part
 * is memoised on its own slice of the swarm, which keeps its identity until it changes, so a
 * snapshot re-renders only what it changed.
 */
export const SwarmPanelView = memo(function SwarmPanelView({
  swarm,
  tracker,
  uploadedBytes,
}: SwarmPanelViewProps) {
  const { t } = useTranslation()
  const series = swarm?.throughput ?? EMPTY_SERIES
  const origin = swarm?.joinedAt ?? null
  return (
    <section className="card swarm-panel" aria-labelledby="swarm-panel-title">
      <h2 id="swarm-panel-title">{t('swarm.title')}</h2>
      <SwarmGlance figures={glanceOf(swarm)} tracker={tracker} uploadedBytes={uploadedBytes} />
      <PieceMap map={swarm?.pieceMap ?? null} />
      <div className="charts">
        <ThroughputChart
          series={series}
          direction="downBps"
          title={t('swarm.chart.down')}
          colour="#2357d9"
          origin={origin}
        />
        <ThroughputChart
          series={series}
          direction="upBps"
          title={t('swarm.chart.up')}
          colour="#1f7a3a"
          origin={origin}
        />
      </div>
      <h3>{t('swarm.peers.heading')}</h3>
      <DialFigures dials={swarm?.dials ?? NO_DIALS} />
      <ProofFigures refused={swarm?.refused ?? NO_REFUSALS} />
      <PeerTable
        peers={swarm?.peers ?? []}
        pieceCount={swarm?.file?.pieceCount ?? null}
        sampledAt={swarm?.sampledAt ?? null}
      />
      <ChokerLog
        entries={swarm?.chokeLog ?? []}
        rounds={swarm?.chokeRounds ?? 0}
        optimisticRotations={swarm?.optimisticRotations ?? 0}
        origin={origin}
        seeding={swarm?.chokeLog[0]?.seeding ?? swarm?.complete === true}
      />
      {swarm?.lastError !== undefined && swarm.lastError !== null ? (
        // The engine's message is English (a diagnostic); marked so, for screen readers.
        <p className="muted">
          {t('swarm.lastProblem', { message: '' })}
          <span lang="en">{swarm.lastError}</span>
        </p>
      ) : null}
    </section>
  )
})
