// Real-browser swarm (issue #3): one seeder tab capped at u_s and N downloader tabs capped at u
// each, all headless Chromium in separate contexts; measured distribution time against
// D_p2p = max(F/u_s, F/d_min, N·F/(u_s + Σu_i)) and D_cs = max(N·F/u_s, F/d_min).
// Run: npm run bench:swarm  (env: SWARM_DOWNLOADERS, SWARM_MIB, SWARM_SEED_UP_KIBPS,
// SWARM_UP_KIBPS, SWARM_QUERY, BENCH_STATIC_DIR, CHROMIUM_PATH)
// Lab mode: npm run bench:swarm -- --lab (or SWARM_LAB=1; root on Linux): every tab in its own
// home of the network lab, its uplink capped by tc on its router instead of the app's throttle.
// SWARM_LAB_CAP=app keeps the lab's homes but caps with ?up= (the control for that comparison).
import type { Page } from '@playwright/test'

import { withQuery } from '../../e2e/actors/query.ts'
import { readUploadedBytes } from '../../e2e/actors/read.ts'
import { Seeder } from '../../e2e/actors/seeder.ts'
import { writeRandomFile } from '../../e2e/support/files.ts'
import { loadAverage, mib, withBenchRig } from '../support/app.ts'
import {
  type DownloadTimes,
  installDownloadProbe,
  waitForDownload,
} from '../support/download-probe.ts'
import { openRawBlastPair } from '../throughput/raw-blast.ts'
import { type TabSource, browserTabs, labTabs } from './tabs.ts'
import { type BoundInput, clientServerBound, p2pBound } from '@swarmdrop/sim'

const KIB = 1024
const MIB = 1024 * KIB
const envNumber = (name: string, fallback: number): number => Number(process.env[name] ?? fallback)

const DOWNLOADERS = envNumber('SWARM_DOWNLOADERS', 5)
const FILE_BYTES = envNumber('SWARM_MIB', 16) * MIB
/** Well below the ~8 MB/s a tab-to-tab channel carries here, so the caps set the pace. */
const SEEDER_UP_BPS = envNumber('SWARM_SEED_UP_KIBPS', 1024) * KIB
const DOWNLOADER_UP_BPS = envNumber('SWARM_UP_KIBPS', 512) * KIB
/** Fast choking rounds (SPEC CK-1, CK-4), so a ~30 s swarm sees many of them. */
const CHOKE_QUERY = process.env['SWARM_QUERY'] ?? 'rechoke=2000&optimistic=6000'
/** A short blast is enough for d_min: the term is far from binding at these caps. */
const RAW_PROBE_BYTES = 16 * MIB
const TARGET_BOUND_RATIO = 1.5
/** SWARM_COLD=1 opens the link in blank tabs, so page loads count as distribution time. */
const COLD_START = process.env['SWARM_COLD'] === '1'
/** Kernel-shaped links in the network lab instead of the app's throttle (tabs.ts). */
const LAB_MODE = process.env['SWARM_LAB'] === '1' || process.argv.includes('--lab')

interface Finished {
  readonly name: string
  readonly times: DownloadTimes
}

async function main(): Promise<void> {
  const loadBefore = loadAverage()
  await withBenchRig('swarm', async ({ dir, webDir, app, browser }) => {
    const file = await writeRandomFile(dir, 'swarm.bin', FILE_BYTES)

    // d_min: the raw data-channel rate between two tabs of this browser, measured now.
    const raw = await openRawBlastPair(browser)
    const rawBps = await raw.measure(RAW_PROBE_BYTES)
    await raw.close()

    const tabs: TabSource = LAB_MODE
      ? await labTabs(webDir, CHOKE_QUERY, process.env['SWARM_LAB_CAP'] === 'app' ? 'app' : 'tc')
      : browserTabs(browser, app.url, CHOKE_QUERY)
    try {
      await runSwarm(tabs, file.path, rawBps, loadBefore)
    } finally {
      await tabs.close()
    }
  })
}

/** Seeds from one tab, opens the link in the others at once, and reports against the bounds. */
async function runSwarm(
  tabs: TabSource,
  filePath: string,
  rawBps: number,
  loadBefore: string,
): Promise<void> {
  const seederTab = await tabs.open(SEEDER_UP_BPS)
  const seeder = await Seeder.open(seederTab.context, seederTab.query)
  await seeder.dropFile(filePath)
  const link = await seeder.shareLink()

  const pages: Page[] = []
  let downloaderQuery = ''
  for (let i = 0; i < DOWNLOADERS; i++) {
    const tab = await tabs.open(DOWNLOADER_UP_BPS)
    await installDownloadProbe(tab.context)
    pages.push(await tab.context.newPage())
    downloaderQuery = tab.query
  }

  const shape: BoundInput = {
    fileBytes: FILE_BYTES,
    serverUploadBps: SEEDER_UP_BPS,
    peerUploadBps: pages.map(() => DOWNLOADER_UP_BPS),
    minDownloadBps: rawBps,
  }
  const bound = p2pBound(shape)
  const clientServer = clientServerBound(shape)
  const timeoutMs = Math.max(120_000, clientServer * 3 * 1000)

  const downloaderLink = withQuery(link, downloaderQuery)
  if (!COLD_START) {
    // The tabs are up before the crowd arrives, so six tabs parsing the app at once on two
    // cores is not counted as distribution time; the app contacts nothing until it gets a
    // link (SPEC MD-5), and the link then only changes the fragment.
    for (const page of pages) {
      await page.goto(new URL(downloaderLink).pathname + new URL(downloaderLink).search)
    }
  }
  // The flash crowd: every downloader opens the link at once.
  const startedAt = Date.now()
  await Promise.all(pages.map((page) => page.goto(downloaderLink)))
  const finished: Finished[] = await Promise.all(
    pages.map(async (page, i) => {
      const times = await waitForDownload(page, timeoutMs)
      return { name: `downloader ${i + 1}`, times }
    }),
  )
  // Upload totals once everyone is done (every tab keeps seeding until then).
  const totals = await Promise.all(pages.map((page) => readUploadedBytes(page)))
  // Block bytes that arrived from neighbours, duplicates (end game, timed-out requests) included.
  const received = await Promise.all(
    pages.map((page) =>
      page.evaluate(() =>
        Object.values(window.__swarm?.getState().swarms ?? {}).reduce(
          (sum, swarm) => sum + swarm.peers.reduce((s, p) => s + p.downloadedBytes, 0),
          0,
        ),
      ),
    ),
  )
  const seederUploaded = await seeder.uploadedBytes()

  console.log(`load average before / after: ${loadBefore} / ${loadAverage()}`)
  const seconds = (at: number): string => ((at - startedAt) / 1000).toFixed(1)
  console.log(
    `F = ${mib(FILE_BYTES)} MiB, N = ${DOWNLOADERS}, u_s = ${SEEDER_UP_BPS / KIB} KiB/s, u = ${DOWNLOADER_UP_BPS / KIB} KiB/s, query "${downloaderQuery}"`,
  )
  console.log(`Uplinks capped by ${tabs.capping}`)
  console.log(`d_min = raw tab-to-tab data channel, measured: ${mib(rawBps)} MiB/s`)
  console.log(
    COLD_START
      ? 'Cold start: blank tabs open the link.\n'
      : 'Tabs preloaded; the link opens in them at once.\n',
  )
  console.log('Seconds since the links were opened:\n')
  console.log(
    '| peer | tracker | first neighbour | metadata | first byte | complete | received (MiB) | uploaded (MiB) |',
  )
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |')
  console.log(`| seeder | | | | | | | ${mib(seederUploaded)} |`)
  finished.forEach((f, i) => {
    const t = f.times
    console.log(
      `| ${f.name} | ${[t.trackerAt, t.firstPeerAt, t.metadataAt, t.firstByteAt, t.completeAt].map(seconds).join(' | ')} | ${mib(received[i] ?? 0)} | ${mib(totals[i] ?? 0)} |`,
    )
  })

  const measured = (Math.max(...finished.map((f) => f.times.completeAt)) - startedAt) / 1000
  const uploaded = seederUploaded + totals.reduce((sum, b) => sum + b, 0)
  const needed = DOWNLOADERS * FILE_BYTES
  console.log(
    `\nUploaded ${mib(uploaded)} MiB for ${mib(needed)} MiB needed (${(((uploaded - needed) / needed) * 100).toFixed(0)} % extra); upload capacity used over the measured time: seeder ${((seederUploaded / (SEEDER_UP_BPS * measured)) * 100).toFixed(0)} %, downloaders ${((totals.reduce((sum, b) => sum + b, 0) / (DOWNLOADER_UP_BPS * DOWNLOADERS * measured)) * 100).toFixed(0)} %`,
  )
  console.log(
    '\n| measured D (s) | D_p2p bound (s) | measured / bound | D_cs (s) | measured / D_cs |',
  )
  console.log('| --- | --- | --- | --- | --- |')
  console.log(
    `| ${measured.toFixed(1)} | ${bound.toFixed(1)} | ${(measured / bound).toFixed(2)} | ${clientServer.toFixed(1)} | ${(measured / clientServer).toFixed(2)} |`,
  )
  const met = measured <= TARGET_BOUND_RATIO * bound && measured < clientServer
  console.log(
    `\nTarget measured <= ${TARGET_BOUND_RATIO} x D_p2p and < D_cs: ${met ? 'met' : 'missed'}`,
  )
}

await main()
