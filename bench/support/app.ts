// What the browser benchmarks share: a fresh web build, the tracker serving it on a free port,
// and a headless Chromium launched the way the e2e tests launch it.
import { mkdtemp, rm } from 'node:fs/promises'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { type Browser, chromium } from '@playwright/test'
import { type TrackerServer, createTrackerServer } from '@swarmdrop/tracker'
import { build } from 'vite'

import { chromiumArgs, findChromium } from '../../e2e/support/browser.ts'
import { makeTempDir, removeDir } from '../../e2e/support/files.ts'

const REPO = fileURLToPath(new URL('../../', import.meta.url))

/** A web build the benchmark serves; `dispose` removes it when the bench built it. */
export interface WebBuild {
  readonly dir: string
  dispose(): Promise<void>
}

/**
 * Builds the web app into a temporary directory, so a bench never empties apps/web/dist under an
 * e2e run or `npm start` going on beside it. `BENCH_STATIC_DIR` serves an existing build instead.
 * @param options.minify false for a profiling build (default true, as shipped)
 */
export async function buildWebApp(options: { readonly minify?: boolean } = {}): Promise<WebBuild> {
  const given = process.env['BENCH_STATIC_DIR']
  if (given !== undefined && given !== '') {
    return { dir: given, dispose: async () => {} }
  }
  const dir = await mkdtemp(join(tmpdir(), 'swarmdrop-bench-web-'))
  await build({
    configFile: join(REPO, 'vite.config.ts'),
    // A profile needs readable function names; the benches measure the shipped, minified build.
    build: { outDir: dir, emptyOutDir: true, sourcemap: false, minify: options.minify ?? true },
    logLevel: 'warn',
  })
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) }
}

/** Tracker + web app on one loopback port, as `npm start` serves them. */
export function startApp(staticDir: string): Promise<TrackerServer> {
  return createTrackerServer({ port: 0, host: '127.0.0.1', staticDir })
}

/** Headless Chromium: CHROMIUM_PATH, then /usr/bin/chromium, then Playwright's own. */
export function launchChromium(): Promise<Browser> {
  const executablePath = findChromium()
  return chromium.launch({
    ...(executablePath === undefined ? {} : { executablePath }),
    args: chromiumArgs(),
  })
}

/** What a browser benchmark runs on: a scratch directory, the served app and a browser. */
export interface BenchRig {
  readonly dir: string
  /** The web build `app` serves. */
  readonly webDir: string
  readonly app: TrackerServer
  readonly browser: Browser
}

/**
 * Builds and serves the web app, launches Chromium and a scratch directory named after the bench,
 * runs `body`, then tears all of it down whatever happened.
 */
export async function withBenchRig<T>(
  name: string,
  body: (rig: BenchRig) => Promise<T>,
  options: { readonly minify?: boolean } = {},
): Promise<T> {
  const dir = await makeTempDir(name)
  const web = await buildWebApp(options)
  const app = await startApp(web.dir)
  const browser = await launchChromium()
  try {
    return await body({ dir, webDir: web.dir, app, browser })
  } finally {
    await browser.close()
    await app.close()
    await web.dispose()
    await removeDir(dir)
  }
}

/** `bytes` as MiB with one decimal. */
export const mib = (bytes: number): string => (bytes / (1024 * 1024)).toFixed(1)

/** The median of a non-empty list (the upper one for an even count). */
export function median(values: readonly number[]): number {
  const sorted = values.slice().sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

/**
 * The 1-minute load average: both benches share two cores with everything else on the machine,
 * so a figure means little without it.
 */
export const loadAverage = (): string => (loadavg()[0] ?? 0).toFixed(1)

/**
 * The load average with a word on what it means here: "under load" only when more is runnable
 * than the machine has cores (a constant "(under load)" once labelled a quiet 0.1 as loaded).
 */
export function loadNote(): string {
  const load = loadavg()[0] ?? 0
  const cores = availableParallelism()
  return `${load.toFixed(1)} on ${cores} cores${load > cores ? ' (under load)' : ' (quiet)'}`
}
