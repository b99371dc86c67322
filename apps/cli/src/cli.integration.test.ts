import { createHash } from 'node:crypto'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import type { SwarmId } from '@swarmdrop/protocol'
import { shareFragmentOf } from '@swarmdrop/protocol'
import { SeededRandom } from '@swarmdrop/testkit'
import { type TrackerServer, createTrackerServer } from '@swarmdrop/tracker'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { type CliProcess, killAll, ofType, runCli } from './cli-process.test-support.ts'

const MiB = 1024 * 1024
const sha256 = async (path: string): Promise<string> =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex')

let tracker: TrackerServer
let work: string
/** Every process gets the test's own state dir (CL-15) and no password from the caller's env. */
let env: Record<string, string>

/** A link to a swarm nobody seeds (SPEC PL-1), at `trackerUrl`. */
const linkTo = (trackerUrl: string, hexDigit: string, passwordRequired = false): string =>
  `${trackerUrl}/${shareFragmentOf({ swarmId: hexDigit.repeat(64) as SwarmId, passwordRequired })}`

beforeAll(async () => {
  tracker = await createTrackerServer({ port: 0, host: '127.0.0.1' })
  work = await mkdtemp(join(tmpdir(), 'swarmdrop-cli-'))
  env = { XDG_STATE_HOME: join(work, 'state'), SWARMDROP_PASSWORD: '' }
})

afterEach(() => {
  killAll()
})

afterAll(async () => {
  killAll()
  await tracker.close()
  await rm(work, { recursive: true, force: true })
})

let fileCounter = 0
/** Writes `file-<n>.bin` of seeded random bytes (n counts from 1 across the file). */
async function writeRandomFile(bytes: number, dir = work): Promise<string> {
  fileCounter += 1
  const path = join(dir, `file-${fileCounter}.bin`)
  await writeFile(path, new SeededRandom(fileCounter).bytes(bytes))
  return path
}

/** Starts a seeder and resolves with it and its link. */
async function seed(
  paths: readonly string[],
  extra: readonly string[] = [],
  extraEnv: Record<string, string> = {},
): Promise<{ seeder: CliProcess; link: string }> {
  const seeder = runCli(['seed', ...paths, '--tracker', tracker.url, '--json', ...extra], {
    ...env,
    ...extraEnv,
  })
  const { url } = await seeder.waitFor(ofType('link'))
  await seeder.waitFor((r) => r.type === 'tracker' && r.status === 'connected')
  return { seeder, link: url }
}

describe('swarmdrop CLI to CLI (spawned processes, real tracker, real WebRTC)', () => {
  it('[CL-1][CL-5] a file seeded by one CLI is got by another, byte-identical, and SIGTERM ends the seeder with 0', async () => {
    const source = await writeRandomFile(3 * MiB + 123)
    const { seeder, link } = await seed([source])
    const out = join(work, 'out-1')
    const getter = runCli(['get', link, '-o', out, '--json'])
    const done = await getter.waitFor(ofType('done'))
    expect(await getter.exited).toBe(0)
    expect(done.path).toBe(join(out, 'file-1.bin'))
    expect(await sha256(done.path)).toBe(await sha256(source))
    seeder.child.kill('SIGTERM')
    expect(await seeder.exited).toBe(0)
    expect(seeder.records.some((r) => r.type === 'stopped')).toBe(true)
  }, 60_000)

  it('[CL-9][MD-8] a folder round-trips with its paths', async () => {
    const folder = join(work, 'tree')
    await mkdir(join(folder, 'sub', 'deeper'), { recursive: true })
    const a = await writeRandomFile(700_000, folder)
    const b = await writeRandomFile(5, join(folder, 'sub'))
    const c = await writeRandomFile(1_200_000, join(folder, 'sub', 'deeper'))
    const { link } = await seed([folder])
    const out = join(work, 'out-tree')
    const getter = runCli(['get', link, '-o', out, '--json'])
    const metadata = await getter.waitFor(ofType('metadata'))
    expect(metadata).toMatchObject({ name: 'tree', files: 3, path: join(out, 'tree') })
    expect(await getter.exited).toBe(0)
    for (const [source, relative] of [
      [a, 'file-2.bin'],
      [b, 'sub/file-3.bin'],
      [c, 'sub/deeper/file-4.bin'],
    ] as const) {
      expect(await sha256(join(out, 'tree', relative))).toBe(await sha256(source))
    }
  }, 60_000)

  it('[CL-6] a get killed with SIGKILL at about half way fetches again at most what was not verified', async () => {
    const size = 6 * MiB
    const source = await writeRandomFile(size)
    // Capped upload: the transfer takes seconds, so "half way" can be caught.
    const { link } = await seed([source], ['--up', '1M'])
    const out = join(work, 'out-resume')
    const first = runCli(['get', link, '-o', out, '--json'])
    const half = await first.waitFor((r) => r.type === 'progress' && r.verifiedBytes >= size / 2)
    first.child.kill('SIGKILL')
    expect(await first.exited).toBe(137)
    const verifiedBeforeKill = half.type === 'progress' ? half.verifiedBytes : 0

    const second = runCli(['get', link, '-o', out, '--json'])
    const resume = await second.waitFor(ofType('resume'))
    const done = await second.waitFor(ofType('done'))
    expect(await second.exited).toBe(0)
    console.log(
      `[CL-6] killed at ${verifiedBeforeKill} of ${size} bytes; re-run found ${resume.verifiedBytes} verified on disk and fetched ${done.fetchedBytes} bytes again`,
    )
    expect(resume.verifiedBytes).toBeGreaterThanOrEqual(verifiedBeforeKill)
    expect(done.fetchedBytes).toBeLessThanOrEqual(size - resume.verifiedBytes)
    expect(done.fetchedBytes + resume.verifiedBytes).toBe(size)
    expect(await sha256(done.path)).toBe(await sha256(source))
  }, 90_000)
})

describe('swarmdrop CLI private links (issue #13)', () => {
  /** Seeds `paths`, reads the link it prints, and stops the seeder. */
  const linkOf = async (
    paths: readonly string[],
    extra: readonly string[] = [],
  ): Promise<string> => {
    const seeder = runCli(['seed', ...paths, '--tracker', tracker.url, '--json', ...extra], env)
    const { url } = await seeder.waitFor(ofType('link'))
    seeder.child.kill('SIGTERM')
    expect(await seeder.exited).toBe(0)
    return url
  }

  it('[CL-15][MD-10] the same unchanged files give the same link again; --new-link gives another, then kept', async () => {
    const source = await writeRandomFile(300_000)
    const first = await linkOf([source])
    expect(first).toMatch(/#2\./)
    expect(await linkOf([source])).toBe(first)
    const fresh = await linkOf([source], ['--new-link'])
    const fresher = await linkOf([source], ['--new-link'])
    expect(new Set([first, fresh, fresher]).size).toBe(3)
    expect(await linkOf([source])).toBe(fresher)
  }, 180_000)

  it('[CL-16][PL-5] a password-protected seed downloads with the password; a wrong one exits 1 saying "wrong password"', async () => {
    const source = await writeRandomFile(700_000)
    const { seeder, link } = await seed([source], [], { SWARMDROP_PASSWORD: 'correct horse' })
    expect(link).toMatch(/#2p\./)
    const getter = runCli(['get', link, '-o', join(work, 'out-pw'), '--json'], {
      ...env,
      SWARMDROP_PASSWORD: 'correct horse',
    })
    const done = await getter.waitFor(ofType('done'))
    expect(await getter.exited).toBe(0)
    expect(await sha256(done.path)).toBe(await sha256(source))

    const wrong = runCli(
      ['get', link, '-o', join(work, 'out-pw-wrong'), '--password', 'battery staple'],
      env,
    )
    expect(await wrong.exited).toBe(1)
    expect(wrong.stderr()).toMatch(/wrong password/)
    seeder.child.kill('SIGTERM')
    expect(await seeder.exited).toBe(0)
  }, 120_000)

  it('[CL-16] a #2p. link without a password exits 2 saying to pass one, contacting nothing', async () => {
    const getter = runCli(['get', linkTo('http://127.0.0.1:1', '3', true), '--json'], env)
    expect(await getter.exited).toBe(2)
    expect(getter.records).toEqual([
      expect.objectContaining({ type: 'error', code: 'ERR_PASSWORD_REQUIRED' }),
    ])
    const message = getter.records[0]?.type === 'error' ? getter.records[0].message : ''
    expect(message).toMatch(/needs a password.*SWARMDROP_PASSWORD/)
  })
})

describe('swarmdrop CLI bad input', () => {
  it('[CL-2] a malformed link exits 2 with ERR_BAD_LINK, contacting nothing', async () => {
    const getter = runCli(['get', 'http://127.0.0.1:1/#not-a-swarm', '--json'])
    expect(await getter.exited).toBe(2)
    expect(getter.records).toEqual([
      expect.objectContaining({ type: 'error', code: 'ERR_BAD_LINK' }),
    ])
    const usage = runCli(['frobnicate'])
    expect(await usage.exited).toBe(2)
    expect(usage.stderr()).toMatch(/unknown command/)
  })

  it('[CL-13] an unknown swarm: waits, says so, and --timeout gives up with exit 1', async () => {
    const link = linkTo(tracker.url, '0')
    const getter = runCli([
      'get',
      link,
      '-o',
      join(work, 'out-unknown'),
      '--json',
      '--timeout',
      '6s',
    ])
    const waiting = await getter.waitFor(ofType('waiting'))
    expect(waiting.message).toMatch(/waiting for peers/)
    expect(await getter.exited).toBe(1)
    expect(getter.records).toContainEqual(
      expect.objectContaining({ type: 'error', code: 'ERR_TIMEOUT' }),
    )
  }, 30_000)

  it('[CL-13][TR-11] an unreachable tracker: retries with back-off, says so, --timeout exits 1', async () => {
    // A port nothing listens on: the tracker was closed.
    const closed = await createTrackerServer({ port: 0, host: '127.0.0.1' })
    const url = closed.url
    await closed.close()
    const getter = runCli([
      'get',
      linkTo(url, '1'),
      '-o',
      join(work, 'out-unreachable'),
      '--json',
      '--timeout',
      '5s',
    ])
    const notice = await getter.waitFor((r) => r.type === 'tracker' && r.status === 'reconnecting')
    expect(notice).toMatchObject({ url })
    expect(await getter.exited).toBe(1)
  }, 30_000)

  it('[CL-8] an unwritable directory: a clear message and exit 1', async () => {
    const blocker = await writeRandomFile(10)
    const getter = runCli([
      'get',
      linkTo(tracker.url, '2'),
      '-o',
      join(blocker, 'inside'),
      '--json',
    ])
    expect(await getter.exited).toBe(1)
    const error = await getter.waitFor(ofType('error'))
    expect(error).toMatchObject({ code: 'ERR_OUTPUT_DIR' })
    expect(error.message).toMatch(/cannot write to .*inside/)
  })

  it('[CL-8] a full disk: a clear message, exit 1, and what was verified is kept for a resume', async (context) => {
    const size = 3 * MiB
    const source = await writeRandomFile(size)
    const small = join(work, 'tmpfs')
    await mkdir(small, { recursive: true })
    const { spawnSync } = await import('node:child_process')
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', small])
    if (mounted.status !== 0) {
      context.skip(
        `cannot mount a 1 MiB tmpfs here (${mounted.stderr.toString().trim()}): needs root`,
      )
    }
    try {
      const { link } = await seed([source])
      const getter = runCli(['get', link, '-o', small, '--json'])
      expect(await getter.exited).toBe(1)
      const error = getter.records.find((r) => r.type === 'error')
      expect(error).toMatchObject({ code: 'ERR_STORE' })
      expect(error?.type === 'error' ? error.message : '').toMatch(/disk .* is full/)
      // Move what the full disk holds somewhere roomy: the re-run resumes from it.
      const roomy = join(work, 'out-roomy')
      spawnSync('cp', ['-a', '--sparse=always', `${small}/.`, roomy])
      const second = runCli(['get', link, '-o', roomy, '--json'])
      const resume = await second.waitFor(ofType('resume'))
      expect(resume.verifiedPieces).toBeGreaterThan(0)
      const done = await second.waitFor(ofType('done'))
      expect(await second.exited).toBe(0)
      expect(await sha256(done.path)).toBe(await sha256(source))
    } finally {
      spawnSync('umount', [small])
    }
  }, 120_000)
})
