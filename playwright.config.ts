import { defineConfig, devices } from '@playwright/test'

import { chromiumArgs, findChromium } from './e2e/support/browser.ts'

const PORT = Number(process.env['E2E_PORT'] ?? 8099)
const BASE_URL = `http://127.0.0.1:${PORT}`
// scripts/test.mjs asks for a JSON report so it can count the tests that ran.
const JSON_REPORT = process.env['E2E_JSON_REPORT']
const executablePath = findChromium()

/** End-to-end tests: the production server (`npm start`) and real Chromium, one context per peer. */
export default defineConfig({
  testDir: 'e2e',
  // The machine has 2 cores and every test already runs four browser contexts.
  workers: 1,
  fullyParallel: false,
  forbidOnly: process.env['CI'] === 'true',
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 30_000 },
  reporter: JSON_REPORT === undefined ? 'list' : [['list'], ['json', { outputFile: JSON_REPORT }]],
  use: {
    ...devices['Desktop Chrome'],
    baseURL: BASE_URL,
    acceptDownloads: true,
    trace: 'retain-on-failure',
    launchOptions: {
      ...(executablePath === undefined ? {} : { executablePath }),
      args: chromiumArgs(),
    },
  },
  webServer: {
    command: 'npm start',
    url: `${BASE_URL}/healthz`,
    // STUN_URLS empty: no public STUN server, so the tests stay hermetic (STYLE §7, SPEC IC-2).
    env: { PORT: String(PORT), HOST: '127.0.0.1', STUN_URLS: '' },
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
})
