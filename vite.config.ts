import { fileURLToPath } from 'node:url'

import { playwright } from '@vitest/browser-playwright'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

import { serviceWorkerPlugin } from './apps/web/src/sw/vite-plugin.ts'
import { chromiumArgs, findChromium } from './e2e/support/browser.ts'

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url))
const CHROMIUM_PATH = findChromium()
const TRACKER_PORT = Number(process.env['TRACKER_PORT'] ?? 8081)

/** One config: the web app (apps/web) for Vite, and every workspace's tests for Vitest. */
export default defineConfig({
  root: here('./apps/web'),
  plugins: [
    react(),
    serviceWorkerPlugin(here('./apps/web/src/sw/sw.ts'), here('./apps/web/public')),
  ],
  define: { global: 'globalThis' },
  resolve: {
    // @thaunknown/simple-peer (via streamx) imports Node's `events`; Vite would stub it out in a
    // browser build, so point it at the npm port (the trailing slash forces package resolution).
    alias: [{ find: /^events$/, replacement: 'events/' }],
  },
  build: { outDir: here('./apps/web/dist'), emptyOutDir: true, sourcemap: true },
  server: {
    // In dev the tracker runs on its own port; Vite proxies Socket.IO to it so the page
    // still talks to its own origin, as it does in production.
    proxy: { '/socket.io': { target: `http://127.0.0.1:${TRACKER_PORT}`, ws: true } },
  },
  test: {
    root: here('.'),
    projects: [
      {
        test: {
          name: 'node',
          root: here('.'),
          environment: 'node',
          include: [
            'packages/*/src/**/*.test.ts',
            'apps/tracker/src/**/*.test.ts',
            'apps/cli/src/**/*.test.ts',
          ],
          exclude: ['apps/tracker/src/flood.test.ts', '**/*.browser.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          // Latency under a flood: run on its own (`npm test` runs this project after the rest).
          name: 'load',
          root: here('.'),
          environment: 'node',
          include: ['apps/tracker/src/flood.test.ts'],
          testTimeout: 60_000,
          // A latency figure on a shared 2-core box: one noisy neighbour must not fail CI.
          retry: 2,
        },
      },
      {
        test: {
          // What only a real browser has (OPFS): `*.browser.test.ts` run in headless Chromium.
          name: 'browser',
          root: here('.'),
          include: ['packages/*/src/**/*.browser.test.ts'],
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: {
                ...(CHROMIUM_PATH === undefined ? {} : { executablePath: CHROMIUM_PATH }),
                args: chromiumArgs(),
              },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'web',
          root: here('.'),
          environment: 'jsdom',
          include: ['apps/web/src/**/*.test.{ts,tsx}'],
          // The i18n instance components translate with (English), as main.tsx makes for the page.
          setupFiles: ['apps/web/src/test-support/i18n-setup.ts'],
        },
      },
    ],
  },
})
