import { mkdir, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'

import { textbookChart } from './chart.ts'
import { formatTable, toCsv } from './report.ts'
import type { Table } from './scenarios.ts'
import { ablations, flashCrowd, heterogeneous, textbook } from './scenarios.ts'
import { viewer } from './viewer.ts'

/** `npm run bench:sim`: every scenario's table on stdout, CSVs in bench/results, the chart in docs. */
const env = (name: string, fallback: string): string => process.env[name] ?? fallback
const repo = (path: string): string => fileURLToPath(new URL(`../../../${path}`, import.meta.url))

const options = {
  seed: Number(env('SIM_SEED', '1')),
  pieceCount: Number(env('SIM_PIECES', '1000')),
}
const ns = env('SIM_NS', '1,2,5,10,20,30,50,100,300,1000').split(',').map(Number)
/** Scenario 1 caps N × pieces at this, so N = 1,000 fits in the run's ten minutes. */
const budget = Number(env('SIM_BUDGET', '100000'))
const n = Number(env('SIM_N', '20'))
const only = env('SIM_SCENARIOS', '1,2,3,4').split(',')

await mkdir(repo('bench/results'), { recursive: true })
const emit = async (name: string, table: Table): Promise<void> => {
  console.log(`${formatTable(table)}\n`)
  await writeFile(repo(`bench/results/sim-${name}.csv`), toCsv(table))
}

console.log(`seed ${options.seed}, up to ${options.pieceCount} pieces of 1 MB (virtual)\n`)
if (only.includes('1')) {
  const table = await textbook(options, ns, budget)
  await emit('1-textbook', table)
  await writeFile(repo('docs/sim-textbook.svg'), await textbookChart(table))
}
if (only.includes('2')) {
  await emit('2-heterogeneous', await heterogeneous(options, n))
}
if (only.includes('3')) {
  await emit('3-ablations', await ablations(options, n))
}
if (only.includes('4')) {
  await emit('4-flash-crowd', await flashCrowd(options, n))
}
// Scenario 5 (issue #16): only when asked, SIM_SCENARIOS=5.
if (only.includes('5')) {
  await emit('5-viewer', await viewer(options.seed, Number(env('SIM_VIEWER_N', '6'))))
}
