import { defineConfig } from '@playwright/test'

// scripts/net.mjs (and so npm test) asks for a JSON report to count the tests and print timings.
const JSON_REPORT = process.env['NET_JSON_REPORT']

/**
 * The network lab (issue #12): Chromium in network namespaces behind NAT routers, the app and
 * coturn on a bridge between them (e2e-net/lab). Needs root on Linux; run it with
 * `npm run test:net`, which checks that first. The lab starts its own servers, so no webServer.
 */
export default defineConfig({
  testDir: 'e2e-net',
  // One lab per worker, and every home runs its own Chromium on a 2-core machine.
  workers: 1,
  fullyParallel: false,
  forbidOnly: process.env['CI'] === 'true',
  retries: 0,
  timeout: 150_000,
  expect: { timeout: 30_000 },
  reporter: JSON_REPORT === undefined ? 'list' : [['list'], ['json', { outputFile: JSON_REPORT }]],
  use: {
    acceptDownloads: true,
    trace: 'retain-on-failure',
  },
})
