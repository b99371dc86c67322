// Where bench:swarm's tabs run and what caps their uplinks:
// - in one browser on loopback, each tab capped by the app's own throttle (`?up=`);
// - in the network lab (`--lab` / SWARM_LAB=1), each tab in its own home, with its own Chromium,
//   behind a port-preserving NAT whose router caps the home's uplink with tc (a token bucket on
//   the WAN egress): the cap a real access link imposes, which the app cannot see.
import type { Browser, BrowserContext } from '@playwright/test'

import { NetLab } from '../../e2e-net/lab/lab.ts'
import { shapeUplink } from '../../e2e-net/lab/network.ts'

/** One tab's context and the query its page opens with. */
export interface Tab {
  readonly context: BrowserContext
  /** `?…` with the choke settings, and `up=` where the app does the capping. */
  readonly query: string
}

/** Opens tabs whose upload is capped at `upBps`, one way or the other. */
export interface TabSource {
  /** How the caps are applied, for the report. */
  readonly capping: string
  open(upBps: number): Promise<Tab>
  close(): Promise<void>
}

const joinQuery = (parts: readonly string[]): string =>
  `?${parts.filter((p) => p !== '').join('&')}`

/** Tabs as separate contexts of one browser, capped by `?up=`. */
export function browserTabs(browser: Browser, appUrl: string, chokeQuery: string): TabSource {
  const contexts: BrowserContext[] = []
  return {
    capping: 'the app’s own throttle (?up=) in each tab, all tabs on loopback',
    async open(upBps) {
      const context = await browser.newContext({ baseURL: appUrl })
      contexts.push(context)
      return { context, query: joinQuery([chokeQuery, `up=${upBps}`]) }
    },
    async close() {
      await Promise.all(contexts.map(async (context) => context.close()))
    },
  }
}

/**
 * Tabs in homes of the network lab, serving `webDir` from its STUN-only app (the homes' NATs
 * keep ports, so every pair connects directly and the only cap is the router's).
 * @param capBy `tc` (the lab mode) or `app`: the same homes capped by `?up=` instead, the control
 *   that tells the cost of one Chromium per home from the cost of a kernel-shaped link
 */
export async function labTabs(
  webDir: string,
  chokeQuery: string,
  capBy: 'tc' | 'app',
): Promise<TabSource> {
  const lab = await NetLab.start({ staticDir: webDir })
  return {
    capping:
      capBy === 'tc'
        ? 'tc tbf on each home’s router uplink (network lab, one Chromium per home, no ?up=)'
        : 'the app’s own throttle (?up=), in the network lab with one Chromium per home',
    async open(upBps) {
      const home = await lab.addHome('port-preserving')
      if (capBy === 'tc') {
        await shapeUplink(home, upBps)
      }
      const query = joinQuery(capBy === 'tc' ? [chokeQuery] : [chokeQuery, `up=${upBps}`])
      return { context: await home.newContext('stun'), query }
    },
    close: async () => lab.stop(),
  }
}
