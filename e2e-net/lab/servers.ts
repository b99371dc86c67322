// The lab's servers: the app (tracker + web build, as `npm start` serves it) and coturn, each in
// its namespace on the internet. coturn is started with deploy/turnserver.conf plus only what the
// lab needs on top (addresses, secret, realm, lab ranges as peers, no TLS), so the documented
// config is the tested one.
import { type ChildProcess, spawn } from 'node:child_process'
import { createHmac } from 'node:crypto'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { APP_HOST, type Host, TURN_HOST } from './network.ts'
import { tryRunIn } from './shell.ts'

const REPO = fileURLToPath(new URL('../../', import.meta.url))
/** The build `npm run build` (and npm test's build step) leaves; the lab serves it as is. */
export const WEB_DIST = join(REPO, 'apps/web/dist')
const TURNSERVER_CONF = join(REPO, 'deploy/turnserver.conf')
/** coturn answers STUN and TURN on its listening port (deploy/turnserver.conf). */
export const TURN_PORT = 3478
/** The lab's shared secret between coturn and the tracker (TURN REST API). */
export const LAB_TURN_SECRET = 'swarmdrop-lab-secret'
const LAB_REALM = 'swarmdrop.lab'
/** A lab server starts in about a second; a loaded 2-core machine may take several. */
const START_TIMEOUT_MS = 60_000
const STOP_TIMEOUT_MS = 5_000
/** Enough of a process's output to say why it failed. */
const OUTPUT_TAIL_CHARS = 8_000

/** A process the lab started in a namespace. */
export interface LabProcess {
  readonly name: string
  /** The last few KiB it printed. */
  output(): string
  /** SIGTERM, then SIGKILL if it has not exited in a few seconds. */
  stop(): Promise<void>
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve(true)
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve(true)
    })
  })
}

/**
 * Starts `command` in `host.ns` (ip netns exec execs it, so the child is the server itself) and
 * waits until `ready()` says so; rejects with its output if it exits or takes too long first.
 */
export async function startIn(
  name: string,
  host: { readonly ns: string },
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  ready: (output: string) => Promise<boolean> | boolean,
): Promise<LabProcess> {
  const child = spawn('ip', ['netns', 'exec', host.ns, command, ...args], {
    cwd: REPO,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const append = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS)
  }
  child.stdout?.on('data', append)
  child.stderr?.on('data', append)
  const processHandle: LabProcess = {
    name,
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM')
      if (!(await waitForExit(child, STOP_TIMEOUT_MS))) {
        child.kill('SIGKILL')
        await waitForExit(child, STOP_TIMEOUT_MS)
      }
    },
  }
  const deadline = Date.now() + START_TIMEOUT_MS
  while (!(await ready(output))) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `${name} exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output}`,
      )
    }
    if (Date.now() > deadline) {
      await processHandle.stop()
      throw new Error(`${name} was not ready after ${START_TIMEOUT_MS} ms:\n${output}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return processHandle
}

/** The ICE servers an app hands its pages (the outside contract's environment names). */
export interface IceEnvironment {
  /** STUN_URLS; empty = none. */
  readonly stunUrls: readonly string[]
  /** TURN_URLS; empty = none. */
  readonly turnUrls: readonly string[]
  /** TURN_SECRET, when TURN is configured. */
  readonly turnSecret?: string
}

/** A running app: its origin, as pages in the homes reach it. */
export interface LabApp extends LabProcess {
  readonly url: string
}

/** The coturn URLs of the lab, by transport. */
export const LAB_STUN_URL = `stun:${TURN_HOST.address}:${TURN_PORT}`
export const LAB_TURN_UDP_URL = `turn:${TURN_HOST.address}:${TURN_PORT}?transport=udp`
export const LAB_TURN_TCP_URL = `turn:${TURN_HOST.address}:${TURN_PORT}?transport=tcp`

/**
 * Starts the tracker + web build on APP_HOST:`port` (what `npm start` runs once the build exists;
 * going straight to main.ts saves a process per app) with the given ICE environment.
 */
export async function startApp(
  name: string,
  port: number,
  ice: IceEnvironment,
  staticDir = WEB_DIST,
): Promise<LabApp> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: APP_HOST.address,
    STATIC_DIR: staticDir,
    LOG_LEVEL: 'warn',
    STUN_URLS: ice.stunUrls.join(','),
  }
  // Only what this app is given: nothing of the caller's own ICE settings leaks in.
  for (const name of [
    'TURN_URLS',
    'TURN_SECRET',
    'TURN_USERNAME',
    'TURN_CREDENTIAL',
    'TURN_TTL_S',
  ]) {
    delete env[name]
  }
  if (ice.turnUrls.length > 0) {
    env['TURN_URLS'] = ice.turnUrls.join(',')
  }
  if (ice.turnSecret !== undefined) {
    env['TURN_SECRET'] = ice.turnSecret
  }
  const app = await startIn(
    name,
    APP_HOST,
    process.execPath,
    ['--import', 'tsx', 'apps/tracker/src/main.ts'],
    env,
    (output) => /Swarmdrop on https?:\/\//.test(output),
  )
  return { ...app, url: `http://${APP_HOST.address}:${port}` }
}

/** Whether coturn answers a STUN binding request from `from`. */
export async function stunAnswers(from: Host | { readonly ns: string }): Promise<boolean> {
  const result = await tryRunIn(
    from.ns,
    'turnutils_stunclient',
    ['-p', String(TURN_PORT), TURN_HOST.address],
    3_000,
  )
  return result.code === 0 && /reflexive addr/.test(result.stdout + result.stderr)
}

/** Starts coturn on TURN_HOST with deploy/turnserver.conf and the lab's overrides. */
export async function startCoturn(workDir: string): Promise<LabProcess> {
  return startIn(
    'coturn',
    TURN_HOST,
    'turnserver',
    [
      '-c',
      TURNSERVER_CONF,
      `--listening-ip=${TURN_HOST.address}`,
      `--relay-ip=${TURN_HOST.address}`,
      `--static-auth-secret=${LAB_TURN_SECRET}`,
      `--realm=${LAB_REALM}`,
      // The config denies private and benchmark ranges as relay targets; the lab's internet is
      // one of them, and both the homes' public addresses and coturn's own relay live there.
      '--allowed-peer-ip=198.18.0.0-198.19.255.255',
      // No certificate in the lab: plain TURN over UDP and TCP only.
      '--no-tls',
      '--no-dtls',
      '--log-file=stdout',
      '--simple-log',
      `--pidfile=${join(workDir, 'turnserver.pid')}`,
      `--db=${join(workDir, 'turndb')}`,
    ],
    process.env,
    // Ready once it answers STUN: asked from the app host, across the bridge.
    async () => stunAnswers(APP_HOST),
  )
}

/**
 * A TURN REST API credential (what the tracker mints for pages): username `<expiry s>:<name>`,
 * password base64(HMAC-SHA1(secret, username)).
 */
export function mintTurnCredential(
  secret: string,
  name: string,
  ttlSeconds: number,
): { username: string; credential: string } {
  const username = `${Math.floor(Date.now() / 1000) + ttlSeconds}:${name}`
  return { username, credential: createHmac('sha1', secret).update(username).digest('base64') }
}
