// One Chromium per home, started inside the home's namespace: Playwright launches a wrapper that
// execs `ip netns exec <home> chromium "$@"`. Playwright drives it over a pipe, which needs no
// network, so the browser's only network is the home's.
import { chmod, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

import { type Browser, chromium } from '@playwright/test'

import { chromiumArgs, findChromium } from '../../e2e/support/browser.ts'
import type { Home } from './network.ts'

/**
 * Launches Chromium in `home`. `origins` are the lab's plain-HTTP app origins: on an origin other
 * than localhost Chromium gives no crypto.subtle and no OPFS, so the lab lets them count as
 * secure (the way a person would serve HTTPS).
 */
export async function launchInHome(
  home: Home,
  origins: readonly string[],
  scriptDir: string,
): Promise<Browser> {
  const executable = findChromium() ?? chromium.executablePath()
  const wrapper = join(scriptDir, `chromium-${home.ns}.sh`)
  await writeFile(wrapper, `#!/bin/sh\nexec ip netns exec ${home.ns} ${executable} "$@"\n`)
  await chmod(wrapper, 0o755)
  return chromium.launch({
    executablePath: wrapper,
    args: [...chromiumArgs(), `--unsafely-treat-insecure-origin-as-secure=${origins.join(',')}`],
  })
}
