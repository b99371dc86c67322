// Playwright fixtures for the lab: `lab` is started once per worker (the internet, coturn, the
// apps); `homes` adds homes for one test and removes them, browsers and all, when it ends.
import { test as base } from '@playwright/test'

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
  homes: async ({ lab }, use) => {
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
      for (const home of added) {
        await lab.removeHome(home)
      }
    }
  },
})

export { expect } from '@playwright/test'
