// The bench page that opens a raw RTCDataChannel or a simple-peer pair (page.ts), bundled for
// the browser and served on loopback. Shared by bench:datachannel and bench:throughput's raw blast.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'

import type { Browser, Page } from '@playwright/test'
import { build } from 'esbuild'

/** page.ts as one browser script. */
export async function bundleDataChannelPage(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./page.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    define: { global: 'globalThis' },
    // streamx (under @thaunknown/simple-peer) requires Node's `events`; browsers need a stand-in.
    // The `events` npm package (a dependency of @swarmdrop/webrtc); see ADR 0002.
    alias: { events: 'events/' },
    logLevel: 'warning',
  })
  const output = result.outputFiles[0]
  if (!output) {
    throw new Error('esbuild produced no output')
  }
  return output.text
}

/** Serves `script` as /page.js under a blank page, on a free loopback port. */
export function serveDataChannelPage(script: string): Promise<{ url: string; close: () => void }> {
  const html = '<!doctype html><meta charset="utf-8"><title>datachannel bench</title>'
  const server = createServer((request, response) => {
    if (request.url === '/page.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(script)
    } else {
      response
        .writeHead(200, { 'content-type': 'text/html' })
        .end(`${html}<script type="module" src="/page.js"></script>`)
    }
  })
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => server.close() })
    })
  })
}

/**
 * Opens the bench page in two tabs, each in its own browser context (so WebRTC really crosses
 * between them), with each tab's signals relayed to the other in order.
 */
export async function openBenchPagePair(browser: Browser, url: string): Promise<[Page, Page]> {
  const pages: Page[] = []
  for (let i = 0; i < 2; i++) {
    const context = await browser.newContext()
    pages.push(await context.newPage())
  }
  const [a, b] = pages as [Page, Page]
  for (const [from, to] of [
    [a, b],
    [b, a],
  ] as const) {
    let queue = Promise.resolve()
    await from.exposeFunction('benchSignal', (data: string) => {
      queue = queue.then(() => to.evaluate((d) => window.bench.signal(d), data))
      return queue
    })
    await from.goto(url)
    await from.waitForFunction(() => 'bench' in window)
  }
  return [a, b]
}
