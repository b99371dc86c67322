// `npm run test:e2e [-- playwright args]`: makes sure a Chromium exists, builds the web app and
// runs Playwright, which starts the production server (`npm start`) itself.
// SWARMDROP_SKIP_BUILD=1 skips the build (scripts/test.mjs has just built it).
import { spawnSync } from 'node:child_process'

import { ensureChromium } from './lib/browser.mjs'

function run(command, args, env = process.env) {
  console.log(`$ ${[command, ...args].join(' ')}`)
  const result = spawnSync(command, args, { stdio: 'inherit', env })
  return result.status ?? 1
}

const chromium = await ensureChromium()
console.log(`e2e: using Chromium at ${chromium}`)

if (process.env.SWARMDROP_SKIP_BUILD !== '1') {
  const status = run('npx', ['vite', 'build'])
  if (status !== 0) {
    console.error('e2e: the web app build failed')
    process.exit(status)
  }
}

process.exit(
  run('npx', ['playwright', 'test', ...process.argv.slice(2)], {
    ...process.env,
    CHROMIUM_PATH: chromium,
  }),
)
