// Times a download inside the page: an init script samples the status line and the store hook
// (window.__swarm) every few ms, so the finish time does not depend on how often Node polls.
import type { BrowserContext, Page } from '@playwright/test'

// For its `window.__swarm` declaration: the app's read-only store hook (STYLE §4).
import type { SwarmDebugHook } from '../../apps/web/src/test-hook.ts'

/** How often the in-page probe looks; well below any time the benches report. */
const SAMPLE_INTERVAL_MS = 50

/** What the probe saw, as wall-clock epoch ms (the same clock Node reads). */
export interface DownloadTimes {
  /** First sample with the tracker connected. */
  readonly trackerAt: number
  /** First sample with a neighbour. */
  readonly firstPeerAt: number
  /** First sample with the metadata (file facts) known. */
  readonly metadataAt: number
  /** First sample with any downloaded or verified bytes. */
  readonly firstByteAt: number
  /** First sample with a verified piece. */
  readonly firstPieceAt: number
  /** First sample whose status line says `complete`. */
  readonly completeAt: number
  /** The file size from the metadata. */
  readonly size: number
}

interface ProbeState {
  trackerAt: number | null
  firstPeerAt: number | null
  metadataAt: number | null
  firstByteAt: number | null
  firstPieceAt: number | null
  completeAt: number | null
  size: number | null
}

declare global {
  interface Window {
    __downloadProbe?: ProbeState
    __swarm?: SwarmDebugHook
  }
}

/** Installs the probe in every page of `context` (before the app's own scripts run). */
export async function installDownloadProbe(context: BrowserContext): Promise<void> {
  await context.addInitScript((intervalMs: number) => {
    const probe: ProbeState = {
      trackerAt: null,
      firstPeerAt: null,
      metadataAt: null,
      firstByteAt: null,
      firstPieceAt: null,
      completeAt: null,
      size: null,
    }
    window.__downloadProbe = probe
    const timer = setInterval(() => {
      const now = Date.now()
      const state = window.__swarm?.getState()
      if (probe.trackerAt === null && state?.tracker === 'connected') {
        probe.trackerAt = now
      }
      const swarm = Object.values(state?.swarms ?? {}).find((s) => !s.seeding)
      if (swarm) {
        if (probe.firstPeerAt === null && swarm.peers.length > 0) {
          probe.firstPeerAt = now
        }
        if (probe.metadataAt === null && swarm.file !== null) {
          probe.metadataAt = now
          probe.size = swarm.file.size
        }
        if (probe.firstByteAt === null && (swarm.downloadedBytes > 0 || swarm.piecesVerified > 0)) {
          probe.firstByteAt = now
        }
        if (probe.firstPieceAt === null && swarm.piecesVerified > 0) {
          probe.firstPieceAt = now
        }
      }
      const status = document.querySelector('[data-testid="status"]')?.textContent ?? ''
      if (status.includes('complete')) {
        probe.completeAt = now
        probe.firstByteAt ??= probe.completeAt
        probe.firstPieceAt ??= probe.completeAt
        clearInterval(timer)
      }
    }, intervalMs)
  }, SAMPLE_INTERVAL_MS)
}

/** Waits until the probe in `page` saw `complete` and returns its times. */
export async function waitForDownload(page: Page, timeoutMs: number): Promise<DownloadTimes> {
  const handle = await page.waitForFunction(
    () => {
      const probe = window.__downloadProbe
      return typeof probe?.completeAt === 'number' ? probe : null
    },
    undefined,
    { polling: 250, timeout: timeoutMs },
  )
  const probe = (await handle.jsonValue()) as ProbeState
  await handle.dispose()
  return {
    trackerAt: probe.trackerAt ?? Number.NaN,
    firstPeerAt: probe.firstPeerAt ?? Number.NaN,
    metadataAt: probe.metadataAt ?? Number.NaN,
    firstByteAt: probe.firstByteAt ?? Number.NaN,
    firstPieceAt: probe.firstPieceAt ?? Number.NaN,
    completeAt: probe.completeAt ?? Number.NaN,
    size: probe.size ?? Number.NaN,
  }
}
