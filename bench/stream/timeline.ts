// What the viewer's page did before its first frame, for bench:stream's `BENCH_TIMELINE=1`: the
// stream route's reads (as the page's service-worker messages), the media element's events and
// each newly verified piece, as ms after the page's navigation started.
import type { BrowserContext, Page } from '@playwright/test'

declare global {
  interface Window {
    __streamTimeline?: string[]
  }
}

/** Records the timeline in every page of `context` (before the app's own scripts run). */
export async function installTimeline(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    // No named functions in here: tsx's keepNames would wrap them in a helper the page lacks.
    const timeline: string[] = []
    window.__streamTimeline = timeline
    navigator.serviceWorker?.addEventListener('message', (event: MessageEvent) => {
      const data = event.data as { type?: string; start?: number; length?: number } | null
      if (data?.type === 'stream-read') {
        timeline.push(
          `${Math.round(performance.now())} ms read ${data.start ?? '?'} + ${data.length ?? '?'}`,
        )
      } else if (typeof data?.type === 'string') {
        timeline.push(`${Math.round(performance.now())} ms ${data.type}`)
      }
    })
    for (const type of [
      'loadstart',
      'loadedmetadata',
      'canplay',
      'playing',
      'waiting',
      'seeking',
    ]) {
      // Media events do not bubble; the capture phase on the document still sees them.
      document.addEventListener(
        type,
        () => timeline.push(`${Math.round(performance.now())} ms ${type}`),
        {
          capture: true,
        },
      )
    }
    let seen = ''
    const timer = setInterval(() => {
      const swarms = Object.values(window.__swarm?.getState().swarms ?? {})
      const swarm = swarms.find((s) => !s.seeding)
      const states = swarm?.pieceMap?.states ?? new Uint8Array(0)
      // What a player reading from the start can use: the held pieces before the first gap.
      let prefix = 0
      // 2 is PIECE_HELD (engine events.ts); an init script cannot import it.
      while (prefix < states.length && states[prefix] === 2) {
        prefix++
      }
      const now = `${swarm?.piecesVerified ?? 0} pieces verified, the first ${prefix} in a row`
      if (now !== seen) {
        seen = now
        timeline.push(`${Math.round(performance.now())} ms ${now}`)
      }
      if (timeline.some((line) => line.endsWith('playing'))) {
        clearInterval(timer)
      }
    }, 20)
    document.addEventListener('DOMContentLoaded', () =>
      timeline.push(`${Math.round(performance.now())} ms DOMContentLoaded`),
    )
  })
}

/** The timeline recorded so far in `page`. */
export async function readTimeline(page: Page): Promise<string[]> {
  return (await page.evaluate(() => window.__streamTimeline)) ?? []
}
