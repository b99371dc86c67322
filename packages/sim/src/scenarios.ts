import type { EngineConfig } from '@swarmdrop/engine'

import { clientServerBound, p2pBound } from './bounds.ts'
import type { SimPeerSpec, SimResult, SimSpec } from './run-swarm.ts'
import { runSwarm } from './run-swarm.ts'

/** Virtual bytes per piece in every scenario: a 1 MB piece. */
export const PIECE_BYTES = 1_000_000
const HOUR_MS = 3_600_000

export interface ScenarioOptions {
  readonly seed: number
  readonly pieceCount: number
}

/** A table: column names and rows of numbers or labels. */
export interface Table {
  readonly title: string
  readonly columns: readonly string[]
  readonly rows: readonly (readonly (number | string)[])[]
}

const fileBytes = (o: ScenarioOptions): number => o.pieceCount * PIECE_BYTES
/** Upload rate that sends the file once in an hour: F/u = 1 h, as in the textbook figure. */
const unitRate = (o: ScenarioOptions): number => fileBytes(o) / 3600
const hours = (ms: number): number => ms / HOUR_MS
const mean = (xs: readonly number[]): number =>
  xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length)
const finished = (r: SimResult): number[] => r.downloadMs.filter((d): d is number => d !== null)

function spec(
  o: ScenarioOptions,
  rest: Omit<SimSpec, 'seed' | 'pieceCount' | 'pieceBytes'>,
): SimSpec {
  return { seed: o.seed, pieceCount: o.pieceCount, pieceBytes: PIECE_BYTES, ...rest }
}

/**
 * Scenario 1: all peers upload u, F/u = 1 h, u_s = 10u, d_min unconstrained; N varies. The
 * simulator's work grows with N × pieces, so past `peerPieceBudget` a run gets fewer pieces
 * (coarser pieces cost time at the start and the end: the table shows how many).
 */
export async function textbook(
  o: ScenarioOptions,
  ns: readonly number[],
  peerPieceBudget = Number.POSITIVE_INFINITY,
): Promise<Table> {
  const rows: (number | string)[][] = []
  for (const n of ns) {
    const run = { ...o, pieceCount: Math.min(o.pieceCount, Math.floor(peerPieceBudget / n)) }
    const u = unitRate(run)
    const peers = Array.from({ length: n }, () => ({ uploadBps: u }))
    const result = await runSwarm(spec(run, { seeder: { uploadBps: 10 * u }, peers }))
    const input = {
      fileBytes: fileBytes(run),
      serverUploadBps: 10 * u,
      peerUploadBps: peers.map((p) => p.uploadBps),
      minDownloadBps: 0,
    }
    const bound = p2pBound(input) / 3600
    const simulated = hours(result.makespanMs)
    rows.push([
      n,
      run.pieceCount,
      clientServerBound(input) / 3600,
      bound,
      simulated,
      simulated / bound,
      Math.round(result.messages / 1000),
      Math.round(result.wallMs / 100) / 10,
    ])
  }
  return {
    title: 'Scenario 1 — textbook swarm (F/u = 1 h, u_s = 10u), hours',
    columns: [
      'N',
      'pieces',
      'D_cs',
      'D_p2p bound',
      'simulated',
      'sim/bound',
      'k messages',
      'wall s',
    ],
    rows,
  }
}

/** Scenario 2: a mix of upload capacities, and a seed that leaves once one full copy is out. */
export async function heterogeneous(o: ScenarioOptions, n: number): Promise<Table> {
  const u = unitRate(o)
  const mix = [0.5, 1, 2, 4]
  const peers = Array.from({ length: n }, (_, i) => ({ uploadBps: (mix[i % mix.length] ?? 1) * u }))
  const rows: (number | string)[][] = []
  for (const leave of [false, true]) {
    const result = await runSwarm(
      spec(o, { seeder: { uploadBps: 4 * u, leaveAfterOneCopy: leave }, peers }),
    )
    const bound = p2pBound({
      fileBytes: fileBytes(o),
      serverUploadBps: 4 * u,
      peerUploadBps: peers.map((p) => p.uploadBps),
      minDownloadBps: 0,
    })
    rows.push([
      leave ? 'seed leaves after one copy' : 'seed stays',
      hours(result.makespanMs),
      bound / 3600,
      hours(result.makespanMs) / (bound / 3600),
      result.seedLeftAtMs === null ? '-' : hours(result.seedLeftAtMs),
      finished(result).length,
    ])
  }
  return {
    title: `Scenario 2 — ${n} peers uploading 0.5u/u/2u/4u, u_s = 4u, hours`,
    columns: ['case', 'simulated', 'D_p2p bound', 'sim/bound', 'seed left at', 'finished'],
    rows,
  }
}

/** Scenario 3: policy ablations on the same seed; free riders vs contributors. */
export async function ablations(o: ScenarioOptions, n: number): Promise<Table> {
  const u = unitRate(o)
  const run = async (config: Partial<EngineConfig>, peers: readonly SimPeerSpec[]) =>
    runSwarm(spec(o, { seeder: { uploadBps: 2 * u }, peers, config }))
  const contributors = Array.from({ length: n }, () => ({ uploadBps: u }))
  const rows: (number | string)[][] = []
  for (const [label, config] of [
    ['rarest first + tit-for-tat', {}],
    ['random piece order', { pieceOrder: 'random' }],
    ['no choking', { chokingPolicy: 'none' }],
  ] as const) {
    const result = await run(config, contributors)
    const times = finished(result)
    rows.push([label, hours(result.makespanMs), hours(mean(times)), '-', '-'])
  }
  const riders = Math.max(1, Math.round(n * 0.2))
  const withRiders = contributors.map((p, i) => (i < riders ? { ...p, freeRider: true } : p))
  for (const [label, config] of [
    ['20 % free riders, tit-for-tat', {}],
    ['20 % free riders, no choking', { chokingPolicy: 'none' }],
  ] as const) {
    const result = await run(config, withRiders)
    const riderTimes = result.downloadMs.slice(0, riders).filter((d): d is number => d !== null)
    const others = result.downloadMs.slice(riders).filter((d): d is number => d !== null)
    rows.push([
      label,
      hours(result.makespanMs),
      hours(mean(others)),
      hours(mean(riderTimes)),
      mean(riderTimes) / mean(others),
    ])
  }
  return {
    title: `Scenario 3 — policy ablations, ${n} peers uploading u, u_s = 2u, hours`,
    columns: [
      'policy',
      'last finish',
      'mean (contributors)',
      'mean (free riders)',
      'riders/contrib',
    ],
    rows,
  }
}

/** Scenario 4: a flash crowd (all at once) vs arrivals staggered over the first hour. */
export async function flashCrowd(o: ScenarioOptions, n: number): Promise<Table> {
  const u = unitRate(o)
  const rows: (number | string)[][] = []
  for (const staggered of [false, true]) {
    const peers = Array.from({ length: n }, (_, i) => ({
      uploadBps: u,
      joinAtMs: staggered ? Math.round((i / n) * HOUR_MS) : 0,
    }))
    const result = await runSwarm(spec(o, { seeder: { uploadBps: 2 * u }, peers }))
    const times = finished(result)
    rows.push([
      staggered ? 'staggered over 1 h' : 'flash crowd',
      hours(result.makespanMs),
      hours(mean(times)),
      hours(Math.max(...times)),
    ])
  }
  return {
    title: `Scenario 4 — ${n} peers uploading u, u_s = 2u, hours`,
    columns: ['arrivals', 'last finish', 'mean download', 'longest download'],
    rows,
  }
}
