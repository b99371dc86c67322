// WebTorrent 3, measured the way bench:throughput measures Swarmdrop: a seeder tab that holds the
// file, then per run a fresh downloader context that opens the page and adds the magnet link;
// the clock runs from opening the page until WebTorrent's `done` (every piece SHA-1-verified).
// Signalling goes through a local bittorrent-tracker (WebSocket); ICE servers are empty, so
// everything stays on loopback, as with Swarmdrop.
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'

import type { Browser, Page } from '@playwright/test'
import TrackerServer from 'bittorrent-tracker/server'

const BUNDLE = fileURLToPath(
  new URL('../../node_modules/webtorrent/dist/webtorrent.min.js', import.meta.url),
)

/** The page: WebTorrent's own browser bundle and a file input for the seeder. */
const PAGE = `<!doctype html><meta charset="utf-8"><title>webtorrent bench</title>
<input type="file" id="file">
<script type="module">
import WebTorrent from '/webtorrent.min.js'
const client = () => new WebTorrent({ dht: false, lsd: false, utPex: false,
  tracker: { rtcConfig: { iceServers: [] } } })
window.wtSeed = (announce) => new Promise((resolve, reject) => {
  const c = client()
  c.on('error', reject)
  c.seed(document.getElementById('file').files[0], { announce: [announce] }, (t) => resolve(t.magnetURI))
})
window.wtDownload = (magnet, announce) => new Promise((resolve, reject) => {
  const c = client()
  c.on('error', reject)
  c.add(magnet, { announce: [announce] }, (t) => {
    const finish = () => resolve({ pieceLength: t.pieceLength, pieces: t.pieces.length })
    if (t.done) finish()
    else t.once('done', finish)
  })
})
window.wtReady = true
</script>`

/** Minimal typings of what the page exposes. */
declare global {
  interface Window {
    wtSeed(announce: string): Promise<string>
    wtDownload(magnet: string, announce: string): Promise<{ pieceLength: number; pieces: number }>
    wtReady: boolean
  }
}

/** A WebTorrent seeder tab, ready to serve downloader tabs one at a time. */
export interface WebTorrentRig {
  /** One download by a fresh context; returns verified bytes per second from opening the page. */
  measure(): Promise<number>
  /** WebTorrent's piece length for this file, as create-torrent chose it. */
  readonly pieceLength: () => number | null
  close(): Promise<void>
}

function listen(server: ReturnType<typeof createServer>): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve(`127.0.0.1:${(server.address() as AddressInfo).port}`)
    })
  })
}

async function openPage(browser: Browser, url: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage()
  await page.goto(url)
  await page.waitForFunction(() => window.wtReady === true)
  return page
}

/**
 * Starts the tracker and the page server, opens the seeder tab and seeds `filePath` (hashing it
 * is the seeder's preparation, as Swarmdrop's seeder hashes before it shares).
 */
export async function openWebTorrentRig(
  browser: Browser,
  filePath: string,
  fileBytes: number,
  timeoutMs: number,
): Promise<WebTorrentRig> {
  const bundle = await readFile(BUNDLE)
  const pages = createServer((request, response) => {
    if (request.url === '/webtorrent.min.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle)
    } else {
      response.writeHead(200, { 'content-type': 'text/html' }).end(PAGE)
    }
  })
  const url = `http://${await listen(pages)}/`
  const tracker = new TrackerServer({ udp: false, http: true, ws: true, stats: false })
  const trackerPort = await new Promise<number>((resolve, reject) => {
    tracker.once('error', reject)
    tracker.listen(0, '127.0.0.1', () => resolve((tracker.http.address() as AddressInfo).port))
  })
  const announce = `ws://127.0.0.1:${trackerPort}`

  const seeder = await openPage(browser, url)
  await seeder.setInputFiles('#file', filePath)
  const magnet = await seeder.evaluate((a) => window.wtSeed(a), announce)
  let pieceLength: number | null = null

  return {
    async measure() {
      const context = await browser.newContext()
      try {
        const page = await context.newPage()
        const joinedAt = Date.now()
        await page.goto(url)
        await page.waitForFunction(() => window.wtReady === true)
        let timer: NodeJS.Timeout | undefined
        const result = await Promise.race([
          page.evaluate(([m, a]) => window.wtDownload(m, a), [magnet, announce] as const),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error('WebTorrent download timed out')), timeoutMs)
          }),
        ]).finally(() => clearTimeout(timer))
        pieceLength = result.pieceLength
        return fileBytes / ((Date.now() - joinedAt) / 1000)
      } finally {
        await context.close()
      }
    },
    pieceLength: () => pieceLength,
    async close() {
      await seeder.context().close()
      await new Promise<void>((resolve) => tracker.close(() => resolve()))
      pages.close()
    },
  }
}
