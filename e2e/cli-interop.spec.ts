import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'

import { expect, test } from '@playwright/test'

import { CliPeer, killAllCliPeers } from './actors/cli-peer.ts'
import { Downloader, sha256File } from './actors/downloader.ts'
import { FAST_SWARM_QUERY } from './actors/query.ts'
import { Seeder } from './actors/seeder.ts'
import { makeTempDir, removeDir, writeEmptyFile, writeRandomFile } from './support/files.ts'
import { peerContexts } from './support/peer-contexts.ts'

const MiB = 1024 * 1024
const TRANSFER_TIMEOUT_MS = 120_000

let workDir: string
let baseUrl: string
const newPeerContext = peerContexts()

test.beforeAll(async ({ browser: _browser }, testInfo) => {
  workDir = await makeTempDir('cli')
  // The production server Playwright started (playwright.config.ts: E2E_PORT): tracker and app.
  baseUrl = String(testInfo.project.use.baseURL)
})

test.afterEach(() => {
  killAllCliPeers()
})

test.afterAll(async () => {
  await removeDir(workDir)
})

test('[CL-14] the CLI seeds, two browser tabs download it byte-identical', async ({ browser }) => {
  const file = await writeRandomFile(workDir, 'from the cli.bin', 5 * MiB + 77)
  const { peer: cli, link } = await CliPeer.seed(baseUrl, [file.path])
  expect(link).toMatch(/#2\.[A-Za-z0-9_-]{43}$/)
  const tabs = [
    await Downloader.open(await newPeerContext(browser), link, 'tab 1'),
    await Downloader.open(await newPeerContext(browser), link, 'tab 2'),
  ]
  for (const [index, tab] of tabs.entries()) {
    await tab.waitForComplete(TRANSFER_TIMEOUT_MS)
    const saved = await tab.save(join(workDir, `cli-seeded-${index + 1}`))
    expect(saved.suggestedFilename).toBe(file.name)
    expect(await sha256File(saved.path), `${tab.name} SHA-256`).toBe(file.sha256)
  }
  await expect
    .poll(() => cli.uploadedBytes(), { timeout: 30_000 })
    .toBeGreaterThanOrEqual(file.size)
  expect(await cli.stop()).toBe(0)
})

test('[CL-14] a browser seeds, the CLI gets it into a directory byte-identical', async ({
  browser,
}) => {
  const file = await writeRandomFile(workDir, 'from the browser.bin', 4 * MiB + 5)
  const seeder = await Seeder.open(await newPeerContext(browser))
  await seeder.dropFile(file.path)
  const link = await seeder.shareLink()
  const out = join(workDir, 'cli-got')
  const cli = CliPeer.get(link, out)
  const done = await cli.done(TRANSFER_TIMEOUT_MS)
  expect(await cli.process.exited).toBe(0)
  expect(done.path).toBe(join(out, file.name))
  expect(await sha256File(done.path)).toBe(file.sha256)
})

test('[CL-14][MD-8] a folder round-trips with its paths: browser seeds it, the CLI writes the tree', async ({
  browser,
}) => {
  const root = join(workDir, 'album')
  await mkdir(join(root, 'sub', 'deeper'), { recursive: true })
  const files = [
    await writeRandomFile(root, 'a.txt', 10_007),
    await writeEmptyFile(join(root, 'sub'), 'empty.dat'),
    await writeRandomFile(join(root, 'sub', 'deeper'), 'b.bin', 3 * 256 * 1024 + 12_345),
  ]
  const seeder = await Seeder.open(await newPeerContext(browser))
  await seeder.chooseFolder(root)
  const link = await seeder.shareLink()
  const out = join(workDir, 'cli-tree')
  const cli = CliPeer.get(link, out)
  await cli.done(TRANSFER_TIMEOUT_MS)
  expect(await cli.process.exited).toBe(0)
  for (const [file, relative] of [
    [files[0], 'a.txt'],
    [files[1], 'sub/empty.dat'],
    [files[2], 'sub/deeper/b.bin'],
  ] as const) {
    const got = await readFile(join(out, 'album', relative))
    expect(got.equals(await readFile(file?.path ?? '')), relative).toBe(true)
  }
})

test('[CL-14][EN-4] a swarm of a browser seeder, the CLI and two tabs: the CLI uploads to the tabs', async ({
  browser,
}) => {
  const file = await writeRandomFile(workDir, 'swarm.bin', 6 * MiB)
  // The seeder is capped (the `up` setting stays out of the link), so the tabs also need the CLI.
  const seeder = await Seeder.open(await newPeerContext(browser), `${FAST_SWARM_QUERY}&up=524288`)
  await seeder.dropFile(file.path)
  const link = await seeder.shareLink()
  const cli = CliPeer.get(link, join(workDir, 'cli-swarm'), ['--seed'])
  await cli.waitForProgress(0.25, TRANSFER_TIMEOUT_MS)
  const tabs = [
    await Downloader.open(await newPeerContext(browser), link, 'tab 1'),
    await Downloader.open(await newPeerContext(browser), link, 'tab 2'),
  ]
  for (const tab of tabs) {
    await tab.waitForComplete(TRANSFER_TIMEOUT_MS)
  }
  const done = await cli.done(TRANSFER_TIMEOUT_MS)
  expect(await sha256File(done.path)).toBe(file.sha256)
  await expect
    .poll(() => cli.uploadedBytes(), { timeout: 30_000, message: 'the CLI uploaded to the tabs' })
    .toBeGreaterThan(0)
  console.log(`[CL-14] the CLI uploaded ${cli.uploadedBytes()} bytes to the tabs`)
  for (const [index, tab] of tabs.entries()) {
    const saved = await tab.save(join(workDir, `swarm-${index + 1}`))
    expect(await sha256File(saved.path), `${tab.name} SHA-256`).toBe(file.sha256)
  }
  // --seed: still running after done; Ctrl-C (SIGTERM here) after completion is a clean 0.
  expect(await cli.stop()).toBe(0)
})
