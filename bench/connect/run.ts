// Does an unreachable STUN server slow down a connection between two local tabs (issue #12)?
// The tracker hands the pages the default public STUN list (unreachable on a machine without
// internet), a STUN server at an address that drops everything (TEST-NET-1), or none at all;
// each run times how long a downloader tab takes from opening the share link to its first
// connected neighbour, and to `complete` (a small file, so connecting dominates).
// Run: npm run bench:connect  (env: CONNECT_RUNS, BENCH_STATIC_DIR, CHROMIUM_PATH)
import type { Browser } from '@playwright/test'

import { Seeder } from '../../e2e/actors/seeder.ts'
import { makeTempDir, removeDir, writeRandomFile } from '../../e2e/support/files.ts'
import { type IceSettings, createTrackerServer, iceSettingsFromEnv } from '@swarmdrop/tracker'
import { buildWebApp, launchChromium, loadAverage, median } from '../support/app.ts'
import { installDownloadProbe, waitForDownload } from '../support/download-probe.ts'

const RUNS = Number(process.env['CONNECT_RUNS'] ?? 5)
const FILE_BYTES = 256 * 1024

interface Mode {
  readonly name: string
  readonly ice: IceSettings
}

const MODES: readonly Mode[] = [
  { name: 'no STUN (STUN_URLS empty)', ice: iceSettingsFromEnv({ STUN_URLS: '' }) },
  { name: 'default public STUN list', ice: iceSettingsFromEnv({}) },
  {
    name: 'STUN at a black hole (192.0.2.1)',
    ice: iceSettingsFromEnv({ STUN_URLS: 'stun:192.0.2.1:3478' }),
  },
]

interface Run {
  readonly firstPeerMs: number
  readonly completeMs: number
  /** From the downloader's first RTCPeerConnection to its `connected` (ICE + DTLS). */
  readonly iceMs: number
  /** The STUN/TURN URLs the downloader's peer connections were created with. */
  readonly urlsSeen: readonly string[]
}

declare global {
  interface Window {
    __iceUrlsSeen?: string[]
    __iceConnectMs?: number[]
  }
}

/**
 * Records the ICE servers every RTCPeerConnection of the page is created with, and how long
 * each takes from its creation to `connected`: the part an unreachable STUN server could slow.
 */
function recordIceServers(): void {
  const seen: string[] = []
  const connectMs: number[] = []
  window.__iceUrlsSeen = seen
  window.__iceConnectMs = connectMs
  const Native = window.RTCPeerConnection
  window.RTCPeerConnection = class extends Native {
    constructor(config?: RTCConfiguration) {
      for (const server of config?.iceServers ?? []) {
        seen.push(...[server.urls].flat())
      }
      super(config)
      const created = performance.now()
      let reported = false
      // Inline and unnamed: this function is serialised into the page, where tsx's name helper
      // for a named local function would not exist.
      this.addEventListener('connectionstatechange', () => {
        if (!reported && this.connectionState === 'connected') {
          reported = true
          connectMs.push(Math.round(performance.now() - created))
        }
      })
    }
  }
}

/** One seeder and one downloader, each in its own context, against a tracker handing `ice`. */
async function runOnce(
  browser: Browser,
  staticDir: string,
  filePath: string,
  ice: IceSettings,
): Promise<Run> {
  const app = await createTrackerServer({ port: 0, host: '127.0.0.1', staticDir, ice })
  try {
    const seederContext = await browser.newContext({ baseURL: app.url })
    const seeder = await Seeder.open(seederContext)
    await seeder.dropFile(filePath)
    const link = await seeder.shareLink()
    const context = await browser.newContext({ baseURL: app.url })
    await installDownloadProbe(context)
    await context.addInitScript(recordIceServers)
    const page = await context.newPage()
    // The app is loaded first and contacts nothing until it has a link (SPEC MD-5), so the
    // page load is not counted; the link then only changes the fragment.
    await page.goto(new URL(link).pathname + new URL(link).search)
    const startedAt = Date.now()
    await page.goto(link)
    const times = await waitForDownload(page, 60_000)
    const urlsSeen = [...new Set(await page.evaluate(() => window.__iceUrlsSeen ?? []))]
    const iceMs = (await page.evaluate(() => window.__iceConnectMs ?? []))[0] ?? Number.NaN
    await context.close()
    await seederContext.close()
    return {
      firstPeerMs: times.firstPeerAt - startedAt,
      completeMs: times.completeAt - startedAt,
      iceMs,
      urlsSeen,
    }
  } finally {
    await app.close()
  }
}

async function main(): Promise<void> {
  const loadBefore = loadAverage()
  const dir = await makeTempDir('connect')
  const web = await buildWebApp()
  const browser = await launchChromium()
  try {
    const file = await writeRandomFile(dir, 'connect.bin', FILE_BYTES)
    const results = new Map<string, Run[]>(MODES.map((mode) => [mode.name, []]))
    // Interleaved, so a change in the machine's load hits every mode alike.
    for (let run = 0; run < RUNS; run++) {
      for (const mode of MODES) {
        const result = await runOnce(browser, web.dir, file.path, mode.ice)
        results.get(mode.name)?.push(result)
        console.log(
          `run ${run + 1} ${mode.name}: first neighbour ${result.firstPeerMs} ms (peer connection to connected ${result.iceMs} ms), complete ${result.completeMs} ms, ICE servers in the page: ${result.urlsSeen.join(' ') || 'none'}`,
        )
      }
    }
    const baseline = median((results.get(MODES[0]?.name ?? '') ?? []).map((r) => r.firstPeerMs))
    console.log(`\n${RUNS} runs per mode, load ${loadBefore} before, ${loadAverage()} after\n`)
    console.log(
      '| ICE servers handed out | first neighbour, runs (ms) | median | vs none | peer connection → connected, median (ms) | complete, median (ms) |',
    )
    console.log('| --- | --- | --- | --- | --- | --- |')
    for (const mode of MODES) {
      const runs = results.get(mode.name) ?? []
      const first = median(runs.map((r) => r.firstPeerMs))
      console.log(
        `| ${mode.name} | ${runs.map((r) => r.firstPeerMs).join(', ')} | ${first} | ${(first / baseline).toFixed(2)} | ${median(runs.map((r) => r.iceMs))} | ${median(runs.map((r) => r.completeMs))} |`,
      )
    }
  } finally {
    await browser.close()
    await web.dispose()
    await removeDir(dir)
  }
}

await main()
