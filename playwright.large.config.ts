import { defineConfig } from '@playwright/test'

import base from './playwright.config.ts'

/**
 * `npm run test:large`: the 1 GiB end-to-end check (e2e/*.large.ts), kept out of `npm test`
 * because it takes minutes and gigabytes of disk.
 */
export default defineConfig({
  ...base,
  testMatch: '**/*.large.ts',
  timeout: 30 * 60_000,
})
