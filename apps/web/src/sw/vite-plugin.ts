import { createHash } from 'node:crypto'
import { readdirSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'

import { build } from 'rolldown'
import type { Plugin } from 'vite'

/** Files of a build never worth keeping offline: source maps are for developers only. */
const SKIPPED = /\.map$/

/** Every file under `dir`, as a URL path (`/icons/icon-192.png`). */
function publicFiles(dir: string): string[] {
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return []
  }
  return names.flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory()
      ? publicFiles(path).map((child) => `/${name}${child}`)
      : [`/${relative(dir, path).split(sep).join('/')}`]
  })
}

/**
 * Builds the service worker (sw/sw.ts) into `/sw.js` next to the app (SPEC PWA-3): a classic
 * script in one file, as every browser's service worker can load, with the build's file list
 * and a build id written in. Build only: `npm run dev` and the unit tests get no worker.
 * @param entry absolute path of sw.ts
 * @param publicDir absolute path of the app's public/ folder (copied beside the build)
 */
export function serviceWorkerPlugin(entry: string, publicDir: string): Plugin {
  return {
    name: 'swarmdrop:service-worker',
    apply: 'build',
    enforce: 'post',
    async generateBundle(_options, bundle) {
      const assets = [
        ...Object.keys(bundle)
          .filter((name) => !SKIPPED.test(name) && name !== 'index.html')
          .map((name) => `/${name}`),
        ...publicFiles(publicDir),
      ].sort()
      const buildId = createHash('sha256')
        .update(
          assets
            .map((path) => {
              const item = bundle[path.slice(1)]
              return `${path}:${item === undefined ? '' : item.type === 'chunk' ? item.code : String(item.source)}`
            })
            .join('\n'),
        )
        .digest('hex')
        .slice(0, 16)
      const result = await build({
        input: entry,
        write: false,
        platform: 'browser',
        transform: {
          define: {
            __SHELL_ASSETS__: JSON.stringify(assets),
            __BUILD_ID__: JSON.stringify(buildId),
          },
        },
        output: { format: 'iife', minify: true },
      })
      const [chunk] = result.output
      if (chunk === undefined || chunk.type !== 'chunk') {
        throw new Error('service worker: no output from sw.ts')
      }
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: chunk.code })
    },
  }
}
