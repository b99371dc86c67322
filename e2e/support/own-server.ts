import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

import { expect } from '@playwright/test'

const REPO = fileURLToPath(new URL('../..', import.meta.url))
const STARTUP_TIMEOUT_MS = 30_000

/**
 * Starts a spec's own server (tracker + the built web app, as `npm start` runs it) on `port`, so
 * the spec can stop and restart it without touching the shared webServer; resolves once
 * `/healthz` answers.
 */
export async function startOwnServer(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/tracker/src/main.ts'], {
    cwd: REPO,
    stdio: 'ignore',
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      STATIC_DIR: `${REPO}apps/web/dist`,
      LOG_LEVEL: 'warn',
      // Hermetic: no public STUN server (STYLE §7, SPEC IC-2).
      STUN_URLS: '',
    },
  })
  await expect
    .poll(
      async () => {
        try {
          return (await fetch(`http://127.0.0.1:${port}/healthz`)).status
        } catch {
          return 0
        }
      },
      { timeout: STARTUP_TIMEOUT_MS, message: 'own server /healthz' },
    )
    .toBe(200)
  return child
}

/** Stops a server from startOwnServer and waits for it to exit (a no-op once it has). */
export async function stopOwnServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  await exited
}
