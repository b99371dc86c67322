// `npm start`: builds the web app when its build is missing or older than its sources, then serves
// tracker + web app on PORT (default 8080). Installs nothing. With STATIC_DIR set, that directory
// is served as is and nothing is built.
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const REPO = fileURLToPath(new URL('..', import.meta.url))
const BUILT_INDEX = join(REPO, 'apps/web/dist/index.html')
const VITE_BIN = join(REPO, 'node_modules/vite/bin/vite.js')

/** Everything the web bundle is built from: the app, the workspaces it bundles, the config. */
const SOURCES = [
  'apps/web/index.html',
  'apps/web/src',
  'apps/web/public',
  'packages/protocol/src',
  'packages/engine/src',
  'packages/signaling/src',
  'packages/storage/src',
  'packages/webrtc/src',
  'vite.config.ts',
  'package-lock.json',
].map((path) => join(REPO, path))

/** The newest modification time under `path` (0 when it does not exist). */
function newestMtimeMs(path) {
  if (!existsSync(path)) {
    return 0
  }
  const info = statSync(path)
  if (!info.isDirectory()) {
    return info.mtimeMs
  }
  let newest = 0
  for (const entry of readdirSync(path)) {
    if (entry !== 'node_modules' && entry !== 'dist') {
      newest = Math.max(newest, newestMtimeMs(join(path, entry)))
    }
  }
  return newest
}

function buildIsStale() {
  if (!existsSync(BUILT_INDEX)) {
    return true
  }
  const builtAt = statSync(BUILT_INDEX).mtimeMs
  return SOURCES.some((source) => newestMtimeMs(source) > builtAt)
}

/** Runs a child with inherited stdio, forwarding SIGINT/SIGTERM; resolves with its exit code. */
function run(args, env = process.env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: REPO, stdio: 'inherit', env })
    const forward = (signal) => child.kill(signal)
    process.on('SIGINT', forward)
    process.on('SIGTERM', forward)
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward)
      process.off('SIGTERM', forward)
      resolve(code ?? (signal === 'SIGINT' ? 130 : 143))
    })
    child.on('error', (error) => {
      console.error(`could not start ${args.join(' ')}:`, error)
      resolve(1)
    })
  })
}

if (process.env.STATIC_DIR === undefined && buildIsStale()) {
  console.log('Building the web app (apps/web/dist is missing or stale)…')
  const code = await run([VITE_BIN, 'build'])
  if (code !== 0) {
    console.error(`vite build failed (exit ${code}); not starting.`)
    process.exit(code)
  }
}

process.exit(await run(['--import', 'tsx', 'apps/tracker/src/main.ts']))
