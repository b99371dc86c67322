// `npm run dev`: the tracker on TRACKER_PORT (default 8081) and the Vite dev server, which proxies
// /socket.io to it (vite.config.ts). Extra arguments go to Vite (`npm run dev -- --port 3000`).
// When either process ends, or on Ctrl+C, both are stopped.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const REPO = fileURLToPath(new URL('..', import.meta.url))
const TRACKER_PORT = process.env.TRACKER_PORT ?? '8081'

const children = [
  {
    name: 'tracker',
    args: ['--import', 'tsx', 'apps/tracker/src/main.ts'],
    // Vite serves the app in dev, so the tracker serves no files (empty STATIC_DIR).
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: TRACKER_PORT,
      HOST: '127.0.0.1',
      STATIC_DIR: '',
    },
  },
  {
    name: 'vite',
    args: [join(REPO, 'node_modules/vite/bin/vite.js'), ...process.argv.slice(2)],
    env: { ...process.env, TRACKER_PORT },
  },
].map(({ name, args, env }) => ({
  name,
  process: spawn(process.execPath, args, { cwd: REPO, stdio: 'inherit', env }),
}))

let exitCode
const stopAll = (signal) => {
  for (const child of children) {
    if (child.process.exitCode === null && child.process.signalCode === null) {
      child.process.kill(signal)
    }
  }
}

for (const child of children) {
  child.process.on('exit', (code, signal) => {
    if (exitCode === undefined) {
      exitCode = code ?? (signal === 'SIGINT' ? 130 : 143)
      if (code !== 0 && signal === null) {
        console.error(`${child.name} exited with code ${code}; stopping.`)
      }
      stopAll('SIGTERM')
    }
    const running = children.some(
      (c) => c.process.exitCode === null && c.process.signalCode === null,
    )
    if (!running) {
      process.exit(exitCode)
    }
  })
  child.process.on('error', (error) => {
    console.error(`could not start ${child.name}:`, error)
    exitCode ??= 1
    stopAll('SIGTERM')
  })
}

process.on('SIGINT', () => stopAll('SIGINT'))
process.on('SIGTERM', () => stopAll('SIGTERM'))
