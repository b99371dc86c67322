import { memo, useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'

import { useFormat } from '../../components/use-format.ts'
import { useElementWidth } from '../../hooks/useElementWidth.ts'
import { peakOf } from '../../store/swarm-figures.ts'
import type { ThroughputSeries } from '../../store/swarm-store.ts'

import { RATE_INCRS_BPS, TIME_INCRS_S, distinctLabels } from './chart-axes.ts'

/** Props of ThroughputChart. */
export interface ThroughputChartProps {
  readonly series: ThroughputSeries
  readonly direction: 'downBps' | 'upBps'
  readonly title: string
  readonly colour: string
  /** Engine clock (ms) of second 0 on the x axis. */
  readonly origin: number | null
}

/** Fixed, so the page does not jump when the chart library arrives. */
export const CHART_HEIGHT_PX = 150
const FALLBACK_WIDTH_PX = 400

/** Time in seconds since `origin` and the rates, as uPlot wants them (columns of numbers). */
export function chartData(
  series: ThroughputSeries,
  direction: 'downBps' | 'upBps',
  origin: number | null,
): [number[], number[]] {
  const zero = origin ?? series.at[0] ?? 0
  return [series.at.map((at) => (at - zero) / 1000), [...series[direction]]]
}

/** uPlot needs a real browser (matchMedia, canvas); jsdom gets the text figures only. */
const canChart = (): boolean =>
  typeof window !== 'undefined' && typeof window.matchMedia === 'function'

/**
 * A live rate chart drawn by uPlot, loaded on demand so it costs the first page nothing. Data is
 * pushed into the existing chart (`setData`), never re-created per snapshot.
 */
export const ThroughputChart = memo(function ThroughputChart({
  series,
  direction,
  title,
  colour,
  origin,
}: ThroughputChartProps) {
  const host = useRef<HTMLDivElement>(null)
  const chart = useRef<uPlot | null>(null)
  const latest = useRef({ series, origin })
  latest.current = { series, origin }
  const width = useElementWidth(host, FALLBACK_WIDTH_PX)
  const { t } = useTranslation()
  const { rate, number } = useFormat()

  useEffect(() => {
    const element = host.current
    if (element === null || !canChart()) {
      return
    }
    let disposed = false
    void import('uplot').then(({ default: UPlot }) => {
      if (disposed) {
        return
      }
      const styles = getComputedStyle(element)
      const axisColour = styles.getPropertyValue('--muted').trim() || '#5b6470'
      const gridColour = styles.getPropertyValue('--border').trim() || '#d8dce2'
      const axis = {
        stroke: axisColour,
        grid: { stroke: gridColour, width: 1 },
        ticks: { show: false },
      }
      chart.current = new UPlot(
        {
          width: element.clientWidth || FALLBACK_WIDTH_PX,
          height: CHART_HEIGHT_PX,
          legend: { show: false },
          cursor: { show: false },
          scales: { x: { time: false }, y: { range: (_u, _min, max) => [0, Math.max(1024, max)] } },
          axes: [
            {
              ...axis,
              incrs: [...TIME_INCRS_S],
              values: (_u, ticks) =>
                distinctLabels(
                  ticks.map((s) => t('swarm.chart.seconds', { n: number(Math.round(s)) })),
                ),
            },
            {
              ...axis,
              size: 80,
              incrs: [...RATE_INCRS_BPS],
              values: (_u, ticks) => distinctLabels(ticks.map((bps) => rate(bps))),
            },
          ],
          series: [{}, { label: title, stroke: colour, fill: `${colour}22`, width: 2 }],
        },
        chartData(latest.current.series, direction, latest.current.origin),
        element,
      )
    })
    return () => {
      disposed = true
      chart.current?.destroy()
      chart.current = null
    }
  }, [direction, title, colour, t, rate, number])

  useEffect(() => {
    chart.current?.setData(chartData(series, direction, origin))
  }, [series, direction, origin])

  useEffect(() => {
    chart.current?.setSize({ width, height: CHART_HEIGHT_PX })
  }, [width])

  const values = series[direction]
  const current = values.at(-1) ?? 0
  const peak = peakOf(series, direction)
  return (
    <figure
      className="chart"
      data-testid="throughput-chart"
      data-direction={direction === 'downBps' ? 'down' : 'up'}
      data-samples={values.length}
      data-latest-bps={Math.round(current)}
      data-peak-bps={Math.round(peak)}
    >
      <figcaption>
        <h3>{title}</h3>
        <span className="small muted num chart-figures">
          {t('swarm.chart.figures', { now: rate(current), peak: rate(peak) })}
        </span>
      </figcaption>
      <div
        ref={host}
        className="chart-host"
        style={{ height: CHART_HEIGHT_PX }}
        role="img"
        aria-label={t('swarm.chart.label', { title, now: rate(current), peak: rate(peak) })}
      />
    </figure>
  )
})
