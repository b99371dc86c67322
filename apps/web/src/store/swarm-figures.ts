import { nobodyHasTheRest } from './status-line.ts'
import type { SwarmView, ThroughputSeries } from './swarm-store.ts'

/**
 * The inputs of the minimum distribution time, estimated from what this tab measures. No tab sees
 * every peer's capacity, so the unseen ones are estimated, always on the high side: overestimating
 * a capacity only lowers the bound, so it stays a lower bound on the real distribution time.
 * - F: the file's size.
 * - N: downloaders, the most leechers the tracker reported at once (this tab included while it
 *   downloads); at least 1.
 * - u_s: on the seeding tab, its own peak upload rate. On a downloading tab, the peak combined
 *   rate at which neighbours holding the whole file sent to it, times N: the choker serves up to
 *   five downloaders at once, so this tab saw about 1/N of the seeder's upload.
 * - d_min: this tab's own peak download rate (the slowest downloader is at most this fast).
 *   Unknown on the seeding tab.
 * - Σu_i: N times the larger of this tab's own peak upload rate and the peak combined rate at which
 *   other downloaders sent to it (downloaders assumed alike: each uploads at least as much as
 *   this one does, and the others together send each downloader what they send this one). Unknown
 *   on the seeding tab, which only ever uploads.
 * Peaks rather than averages: the bound is about capacity, and an average over the download
 * would make F/d_min equal the elapsed time by construction.
 */
export interface BoundInputs {
  readonly fileBytes: number
  readonly downloaders: number
  readonly seedUpBps: number | null
  readonly minDownBps: number | null
  readonly peerUpSumBps: number | null
}

/** The three terms of `max(F/u_s, F/d_min, N·F/(u_s + Σu_i))` in ms, and their maximum. */
export interface DistributionBound {
  readonly seedMs: number | null
  readonly downloadMs: number | null
  readonly swarmMs: number | null
  /** The largest known term; null while none is known. */
  readonly boundMs: number | null
}

/** The bound's inputs for a swarm (see BoundInputs for each); null before the file is known. */
export function boundInputsOf(swarm: SwarmView | undefined): BoundInputs | null {
  if (swarm === undefined || swarm.file === null) {
    return null
  }
  const { peaks } = swarm
  const downloaders = Math.max(1, peaks.leechers)
  const positive = (bps: number): number | null => (bps > 0 ? bps : null)
  if (swarm.seeding) {
    return {
      fileBytes: swarm.file.size,
      downloaders,
      seedUpBps: positive(peaks.upBps),
      minDownBps: null,
      peerUpSumBps: null,
    }
  }
  return {
    fileBytes: swarm.file.size,
    downloaders,
    seedUpBps: positive(peaks.seederToUsBps * downloaders),
    minDownBps: positive(peaks.downBps),
    peerUpSumBps: downloaders * Math.max(peaks.upBps, peaks.leecherToUsBps),
  }
}

/** `D_p2p = max(F/u_s, F/d_min, N·F/(u_s + Σu_i))`, each term in ms; unknown terms are null. */
export function distributionBound(inputs: BoundInputs | null): DistributionBound {
  if (inputs === null) {
    return { seedMs: null, downloadMs: null, swarmMs: null, boundMs: null }
  }
  const {
    fileBytes: f,
    downloaders: n,
    seedUpBps: us,
    minDownBps: dmin,
    peerUpSumBps: sum,
  } = inputs
  const seedMs = us === null ? null : (f / us) * 1000
  const downloadMs = dmin === null ? null : (f / dmin) * 1000
  const swarmMs = us === null || sum === null ? null : ((n * f) / (us + sum)) * 1000
  const known = [seedMs, downloadMs, swarmMs].filter((ms): ms is number => ms !== null)
  return { seedMs, downloadMs, swarmMs, boundMs: known.length === 0 ? null : Math.max(...known) }
}

/** Time since joining: until completion for a downloader, until the last stats otherwise. */
export function elapsedMs(swarm: SwarmView | undefined): number | null {
  if (swarm === undefined || swarm.joinedAt === null) {
    return null
  }
  const end = swarm.completedAt ?? swarm.sampledAt
  return end === null ? null : Math.max(0, end - swarm.joinedAt)
}

/**
 * Uploaded over downloaded; a seeder downloaded nothing, so its ratio counts copies of the file
 * sent. Null while there is nothing to divide by.
 */
export function shareRatio(swarm: SwarmView | undefined): number | null {
  if (swarm === undefined) {
    return null
  }
  const base = swarm.seeding ? (swarm.file?.size ?? 0) : swarm.downloadedBytes
  return base > 0 ? swarm.uploadedBytes / base : null
}

/** Samples averaged for the ETA: a few seconds, so one slow snapshot does not swing it. */
export const ETA_SAMPLES = 8

/** Mean of the last `samples` values of a series (0 for an empty one). */
export function recentMean(values: readonly number[], samples = ETA_SAMPLES): number {
  const tail = values.slice(-samples)
  return tail.length === 0 ? 0 : tail.reduce((sum, v) => sum + v, 0) / tail.length
}

/**
 * Remaining bytes over the recent download rate, ms; null when done, nothing arrives, or nobody
 * connected has the rest (the smoothed rate of a neighbour that left would make one up).
 */
export function etaMs(swarm: SwarmView | undefined): number | null {
  if (swarm === undefined || swarm.complete || swarm.file === null || nobodyHasTheRest(swarm)) {
    return null
  }
  const rate = recentMean(swarm.throughput.downBps)
  const remaining = Math.max(0, swarm.file.size - swarm.downloadedBytes)
  return rate > 0 ? (remaining / rate) * 1000 : null
}

/** Highest value of a throughput direction so far (0 for none). */
export function peakOf(series: ThroughputSeries, direction: 'downBps' | 'upBps'): number {
  return series[direction].reduce((max, v) => Math.max(max, v), 0)
}
