// The physical limit: a raw RTCDataChannel blast between two tabs, with bench/datachannel's page
// code (the engine's flow control: send while bufferedAmount <= 1 MiB, resume at 256 KiB).
import type { Browser } from '@playwright/test'

import {
  bundleDataChannelPage,
  openBenchPagePair,
  serveDataChannelPage,
} from '../datachannel/page-server.ts'

/** The engine's block size: the raw blast sends messages as big as Swarmdrop's blocks (RAW_MESSAGE_KIB). */
const MESSAGE_BYTES = Number(process.env['RAW_MESSAGE_KIB'] ?? 64) * 1024

/** Two tabs in separate contexts, connected by a raw data channel, ready to blast. */
export interface RawBlastPair {
  /** One one-way transfer of `totalBytes`; returns bytes per second. */
  measure(totalBytes: number): Promise<number>
  close(): Promise<void>
}

/** Opens the pair and connects it; signals are relayed in order through Node. */
export async function openRawBlastPair(browser: Browser): Promise<RawBlastPair> {
  const { url, close } = await serveDataChannelPage(await bundleDataChannelPage())
  const [a, b] = await openBenchPagePair(browser, url)
  await Promise.all([
    a.evaluate(() => window.bench.connect('raw', true)),
    b.evaluate(() => window.bench.connect('raw', false)),
  ])
  return {
    async measure(totalBytes) {
      await b.evaluate((n) => window.bench.expect(n), totalBytes)
      const started = performance.now()
      await a.evaluate(([n, m]) => window.bench.send(n, m), [totalBytes, MESSAGE_BYTES] as const)
      await b.evaluate(() => window.bench.done())
      return totalBytes / ((performance.now() - started) / 1000)
    },
    async close() {
      await Promise.all([a, b].map((page) => page.context().close()))
      close()
    },
  }
}
