// What the lab's cases share: seeding from one home, opening the link in another, timing the
// first connection, reading how a neighbour is reached, and checking the saved bytes.
import { type BrowserContext, type Page, expect, test } from '@playwright/test'

import { installDownloadProbe } from '../../bench/support/download-probe.ts'
import { Downloader, sha256File } from '../../e2e/actors/downloader.ts'
import { FAST_SWARM_QUERY } from '../../e2e/actors/query.ts'
import { Seeder } from '../../e2e/actors/seeder.ts'
import type { TestFile } from '../../e2e/support/files.ts'
import type { AppName, LabHome } from '../lab/lab.ts'

/** Small enough to keep npm test short, a few dozen pieces so a transfer has a middle. */
export const LAB_FILE_BYTES = 3 * 1024 * 1024
/** A few MiB over any route in the lab takes seconds; a loaded 2-core machine may take more. */
export const TRANSFER_TIMEOUT_MS = 90_000
/** How a neighbour is reached (CONTRACT: `peer-row` `data-path`). */
export type Path = 'direct' | 'relay'

/** The query that caps a tab's upload at `bytesPerSecond` (the app's own throttle, `?up=`). */
export const throttledQuery = (bytesPerSecond: number): string =>
  `${FAST_SWARM_QUERY}&up=${bytesPerSecond}`

/** A seeder in a home, with its link. */
export interface Seeded {
  readonly seeder: Seeder
  readonly context: BrowserContext
  readonly link: string
}

/** Opens the app in `home`, drops `file` on it and waits for the share link. */
export async function seedFrom(
  home: LabHome,
  app: AppName,
  file: TestFile,
  query = FAST_SWARM_QUERY,
): Promise<Seeded> {
  const context = await home.newContext(app)
  const seeder = await Seeder.open(context, query)
  await seeder.dropFile(file.path)
  const link = await seeder.shareLink()
  return { seeder, context, link }
}

/** A downloader in a home and when it opened the link (epoch ms, the probe's clock). */
export interface Opened {
  readonly downloader: Downloader
  readonly openedAt: number
}

/**
 * Opens `link` in a fresh context of `home`, with the in-page download probe installed first, so
 * the first neighbour is timed in the page rather than by Node's polling.
 */
export async function openFrom(
  home: LabHome,
  app: AppName,
  link: string,
  name: string,
  query = FAST_SWARM_QUERY,
  prepare: (context: BrowserContext) => Promise<void> = async () => {},
): Promise<Opened> {
  const context = await home.newContext(app)
  await installDownloadProbe(context)
  await prepare(context)
  const openedAt = Date.now()
  const downloader = await Downloader.open(context, link, name, query)
  return { downloader, openedAt }
}

/**
 * Waits for the downloader's first neighbour and returns the time from opening the link to it
 * (the README's "connect time").
 */
export async function connectTimeMs(
  opened: Opened,
  timeoutMs = TRANSFER_TIMEOUT_MS,
): Promise<number> {
  const handle = await opened.downloader.page.waitForFunction(
    () => window.__downloadProbe?.firstPeerAt ?? null,
    undefined,
    { polling: 100, timeout: timeoutMs },
  )
  const firstPeerAt = (await handle.jsonValue()) as number
  await handle.dispose()
  return firstPeerAt - opened.openedAt
}

/** The `data-path` of every neighbour row once each row has one (CONTRACT). */
export async function waitForPaths(page: Page, count: number, name: string): Promise<Path[]> {
  const read = (): Promise<string[]> =>
    page
      .getByTestId('peer-row')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-path') ?? ''))
  await expect
    .poll(async () => (await read()).filter((path) => path !== '').length, {
      message: `${name}: neighbour rows with a data-path`,
      timeout: TRANSFER_TIMEOUT_MS,
    })
    .toBeGreaterThanOrEqual(count)
  return (await read()).filter((path): path is Path => path === 'direct' || path === 'relay')
}

/** Saves the downloader's file and expects it byte-identical to `file`, under its name. */
export async function expectSavedIdentical(
  downloader: Downloader,
  file: TestFile,
  directory: string,
): Promise<void> {
  const saved = await downloader.save(directory)
  expect(saved.suggestedFilename, `${downloader.name} file name`).toBe(file.name)
  expect(await sha256File(saved.path), `${downloader.name} SHA-256`).toBe(file.sha256)
}

/** Records a figure for the lab's summary (scripts/net.mjs prints `lab:` annotations) and logs it. */
export function reportFigure(name: string, value: string): void {
  test.info().annotations.push({ type: `lab:${name}`, description: value })
  console.log(`${test.info().title}: ${name} ${value}`)
}

/** `ms` as seconds with one decimal. */
export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`
