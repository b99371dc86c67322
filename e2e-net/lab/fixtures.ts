// Playwright fixtures for the lab: `lab` is started once per worker (the internet, coturn, the
// apps); `homes` adds homes for one test and removes them, browsers and all, when it ends.
import { type TestInfo, test as base } from '@playwright/test'

import { type LabHome, NetLab } from './lab.ts'
import type { Home, NatKind } from './network.ts'

/** Adds homes for the current test. */
export interface Homes {
  /** A home with its own Chromium. */
  add(nat: NatKind): Promise<LabHome>
  /** A home with no browser, for probing the network itself. */
  addBare(nat: NatKind): Promise<Home>
}

/** Building the internet and starting three servers on a busy 2-core machine. */
const LAB_START_TIMEOUT_MS = 120_000

/** What each page of a failed case showed, and what the servers printed: the lab's pages are not
 * Playwright's own `page`, so its error context would have none of it. */
async function attachDiagnostics(
  lab: NetLab,
  homes: readonly Home[],
  testInfo: TestInfo,
): Promise<void> {
  const lines: string[] = []
  for (const home of homes) {
    if (!('browser' in home)) {
      continue
    }
    for (const [c, context] of (home as LabHome).browser.contexts().entries()) {
      for (const page of context.pages()) {
        const summary = await page
          .evaluate(() => ({
            status: document.querySelector('[data-testid="status"]')?.textContent ?? null,
            peerRows: [...document.querySelectorAll('[data-testid="peer-row"]')].map((row) =>
              Object.fromEntries([...row.attributes].map((a) => [a.name, a.value])),
            ),
            swarms: Object.values(window.__swarm?.getState().swarms ?? {}).map((swarm) => ({
              ...swarm,
              peers: swarm.peers.length,
            })),
          }))
          .catch((error: unknown) => ({ error: String(error) }))
        lines.push(
          `${home.ns} (${home.nat}) context ${c} ${page.url()}\n${JSON.stringify(summary, null, 1)}`,
        )
      }
    }
  }
  lines.push(`coturn:\n${lab.coturnOutput().slice(-3_000)}`)
  lines.push(`apps:\n${lab.appOutput().slice(-3_000)}`)
  await testInfo.attach('lab pages and servers', {
    body: lines.join('\n\n'),
    contentType: 'text/plain',
  })
}

export const test = base.extend<{ homes: Homes }, { lab: NetLab }>({
  lab: [
    // Playwright reads a fixture's dependencies from its first parameter, which must be a pattern.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const lab = await NetLab.start()
      try {
        await use(lab)
      } finally {
        await lab.stop()
      }
    },
    { scope: 'worker', timeout: LAB_START_TIMEOUT_MS },
  ],
  homes: async ({ lab }, use, testInfo) => {
    const added: Home[] = []
    const track = <T extends Home>(home: T): T => {
      added.push(home)
      return home
    }
    try {
      await use({
        add: async (nat) => track(await lab.addHome(nat)),
        addBare: async (nat) => track(await lab.addBareHome(nat)),
      })
    } finally {
      if (testInfo.status !== testInfo.expectedStatus) {
        await attachDiagnostics(lab, added, testInfo)
      }
      for (const home of added) {
        await lab.removeHome(home)
      }
    }
  },
})

export { expect } from '@playwright/test'
