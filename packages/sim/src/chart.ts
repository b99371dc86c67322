import * as vega from 'vega'
import * as vegaLite from 'vega-lite'

import type { Table } from './scenarios.ts'

/** Scenario 1's three curves (D_cs, the D_p2p bound, simulated) against N, as an SVG document. */
export async function textbookChart(table: Table): Promise<string> {
  const series = ['D_cs', 'D_p2p bound', 'simulated'] as const
  const values = table.rows.flatMap((row) =>
    series.map((name) => ({
      N: row[0],
      series:
        name === 'D_cs'
          ? 'client–server bound (D_cs)'
          : name === 'simulated'
            ? 'Swarmdrop (simulated)'
            : 'P2P bound (D_p2p)',
      hours: row[table.columns.indexOf(name)],
    })),
  )
  const spec: vegaLite.TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Distribution time vs swarm size (F/u = 1 h, u_s = 10u)',
    width: 560,
    height: 320,
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      // Log axes: D_cs grows a thousandfold over the range while the swarm stays near one hour.
      x: { field: 'N', type: 'quantitative', title: 'N (downloaders)', scale: { type: 'log' } },
      y: {
        field: 'hours',
        type: 'quantitative',
        title: 'time to distribute (hours, log scale)',
        scale: { type: 'log' },
      },
      color: { field: 'series', type: 'nominal', title: null, legend: { labelLimit: 320 } },
    },
  }
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' })
  return view.toSVG()
}
