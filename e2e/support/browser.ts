import { existsSync } from 'node:fs'

/** Debian's Chromium package installs here; `.ci/run` and `npm test` install it when missing. */
const SYSTEM_CHROMIUM_PATH = '/usr/bin/chromium'

/**
 * Finds the Chromium to drive: `CHROMIUM_PATH`, then the system package, then Playwright's own
 * download. Playwright cannot download browsers on every machine, so the system one comes first.
 * @returns an executable path, or undefined to let Playwright use its own browser.
 */
export function findChromium(): string | undefined {
  const fromEnv = process.env['CHROMIUM_PATH']
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!existsSync(fromEnv)) {
      throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`)
    }
    return fromEnv
  }
  return existsSync(SYSTEM_CHROMIUM_PATH) ? SYSTEM_CHROMIUM_PATH : undefined
}

/** Chromium flags for hermetic, quiet runs on a small CI machine. */
export function chromiumArgs(): string[] {
  const args = [
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    // Headless Chromium may fail to resolve mDNS `.local` ICE candidates; loopback IPs always work.
    '--disable-features=WebRtcHideLocalIpsWithMdns',
  ]
  // Chromium refuses to start its sandbox as root (containers, CI).
  if (process.getuid?.() === 0) {
    args.unshift('--no-sandbox')
  }
  return args
}
