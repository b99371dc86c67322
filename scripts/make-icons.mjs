// `npm run icons`: renders apps/web/public/icons/*.svg into the PNGs the manifest lists and the
// favicon.ico, in headless Chromium (exactly how browsers draw the SVG). Run it after editing an
// SVG; the PNGs are committed so a build needs no browser.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { chromium } from '@playwright/test'

import { ensureChromium } from './lib/browser.mjs'

const ICONS = fileURLToPath(new URL('../apps/web/public/icons/', import.meta.url))
const PUBLIC = join(ICONS, '..')

/** [source SVG, size px, output PNG] */
const RENDERS = [
  ['icon.svg', 192, 'icon-192.png'],
  ['icon.svg', 512, 'icon-512.png'],
  ['icon.svg', 180, 'apple-touch-icon.png'],
  ['icon.svg', 32, 'icon-32.png'],
  ['icon-maskable.svg', 512, 'icon-maskable-512.png'],
]

const browser = await chromium.launch({ executablePath: await ensureChromium() })
try {
  for (const [source, size, output] of RENDERS) {
    const page = await browser.newPage({ viewport: { width: size, height: size } })
    const svg = readFileSync(join(ICONS, source), 'utf8')
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
    )
    await page.screenshot({ path: join(ICONS, output), omitBackground: true })
    await page.close()
    console.log(`icons: ${output} (${size}×${size})`)
  }
} finally {
  await browser.close()
}
// favicon.ico for the browsers and tools that ask for /favicon.ico without reading <link rel=icon>.
const ffmpeg = spawnSync(
  'ffmpeg',
  ['-loglevel', 'error', '-y', '-i', join(ICONS, 'icon-32.png'), join(PUBLIC, 'favicon.ico')],
  { stdio: 'inherit' },
)
if (ffmpeg.status !== 0) {
  console.error('icons: ffmpeg failed; favicon.ico not updated')
  process.exit(1)
}
console.log('icons: favicon.ico')
