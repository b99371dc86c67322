// bench:cli — the command line's figures, each against a baseline measured in the same run:
//   1. raw data-channel throughput, Node↔Node in this process, of @roamhq/wrtc and werift (the
//      stack choice, README "Command line");
//   2. CLI→CLI goodput (spawned `swarmdrop seed` and `swarmdrop get`, real tracker, loopback)
//      against 1's figure for the stack the CLI runs on;
//   3. the getting CLI's RSS, sampled while it gets a large file (default 4 GiB; a sparse source,
//      so mostly zeros): it must stay flat and under 200 MiB (exit 1 otherwise).
// Run: npm run bench:cli  (env: BENCH_RAW_MIB=64, BENCH_RUNS=3, BENCH_CLI_MIB=256, BENCH_RSS_GIB=4)
import { randomBytes } from 'node:crypto'
import { mkdtemp, open, readFile, rm } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'

import wrtc from '@roamhq/wrtc'
import { createTrackerServer } from '@swarmdrop/tracker'
import * as werift from 'werift'

import { killAll, ofType, runCli } from '../../apps/cli/src/cli-process.test-support.ts'
import { median } from '../support/app.ts'

import { type WebRtcStack, rawThroughput } from './raw-datachannel.ts'

const MiB = 1024 * 1024
const RAW_BYTES = Number(process.env['BENCH_RAW_MIB'] ?? 64) * MiB
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3)
const CLI_BYTES = Number(process.env['BENCH_CLI_MIB'] ?? 256) * MiB
const RSS_BYTES = Number(process.env['BENCH_RSS_GIB'] ?? 4) * 1024 * MiB
/** SPEC CL-5's bound on a getting CLI's memory, whatever the file's size. */
const RSS_LIMIT_BYTES = 200 * MiB
const RSS_SAMPLE_MS = 500

const STACKS: readonly WebRtcStack[] = [
  { name: '@roamhq/wrtc', RTCPeerConnection: wrtc.RTCPeerConnection },
  { name: 'werift', RTCPeerConnection: werift.RTCPeerConnection as never },
]

async function writeFileOf(path: string, bytes: number, random: boolean): Promise<void> {
  const handle = await open(path, 'w')
  try {
    if (!random) {
      await handle.truncate(bytes)
      return
    }
    const chunk = randomBytes(16 * MiB)
    for (let at = 0; at < bytes; at += chunk.length) {
      await handle.write(chunk, 0, Math.min(chunk.length, bytes - at), at)
    }
  } finally {
    await handle.close()
  }
}

/** VmRSS of `pid` in bytes, from /proc (null once it has exited). */
async function rssOf(pid: number): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8')
    const kib = /VmRSS:\s+(\d+) kB/.exec(status)?.[1]
    return kib === undefined ? null : Number(kib) * 1024
  } catch {
    return null
  }
}

/** Seeds `source` with one CLI and gets it with another; MiB/s from metadata to done, and RSS samples. */
async function cliToCli(
  trackerUrl: string,
  source: string,
  out: string,
  bytes: number,
): Promise<{ mibPerSecond: number; rss: number[] }> {
  const seeder = runCli(['seed', source, '--tracker', trackerUrl, '--json'])
  const { url } = await seeder.waitFor(ofType('link'))
  await seeder.waitFor((r) => r.type === 'tracker' && r.status === 'connected')
  const getter = runCli(['get', url, '-o', out, '--json'])
  const rss: number[] = []
  const sampler = setInterval(() => {
    void rssOf(getter.child.pid ?? -1).then((value) => value !== null && rss.push(value))
  }, RSS_SAMPLE_MS)
  await getter.waitFor(ofType('metadata'))
  const started = performance.now()
  await getter.waitFor(ofType('done'))
  const seconds = (performance.now() - started) / 1000
  clearInterval(sampler)
  await getter.exited
  seeder.child.kill('SIGTERM')
  await seeder.exited
  return { mibPerSecond: bytes / MiB / seconds, rss }
}

const fmt = (bytes: number): string => `${(bytes / MiB).toFixed(0)} MiB`

async function main(): Promise<number> {
  console.log(`load average ${loadavg()[0]?.toFixed(2)} (2 cores shared)`)
  const raw = new Map<string, number[]>(STACKS.map((s) => [s.name, []]))
  // Interleaved, so a slow patch of the machine does not land on one stack only.
  for (let run = 1; run <= RUNS; run++) {
    for (const stack of STACKS) {
      // werift is an order of magnitude slower: a quarter of the bytes keeps the run short.
      const bytes = stack.name === 'werift' ? RAW_BYTES / 4 : RAW_BYTES
      const mibPerSecond = await rawThroughput(stack, bytes)
      raw.get(stack.name)?.push(mibPerSecond)
      console.log(`run ${run} raw ${stack.name.padEnd(13)} ${mibPerSecond.toFixed(1)} MiB/s`)
    }
  }
  const work = await mkdtemp(join(tmpdir(), 'swarmdrop-bench-cli-'))
  const tracker = await createTrackerServer({ port: 0, host: '127.0.0.1' })
  let failed: boolean
  try {
    const source = join(work, 'goodput.bin')
    await writeFileOf(source, CLI_BYTES, true)
    const goodput: number[] = []
    for (let run = 1; run <= RUNS; run++) {
      const { mibPerSecond } = await cliToCli(
        tracker.url,
        source,
        join(work, `out-${run}`),
        CLI_BYTES,
      )
      await rm(join(work, `out-${run}`), { recursive: true, force: true })
      goodput.push(mibPerSecond)
      console.log(`run ${run} CLI→CLI ${fmt(CLI_BYTES)} ${mibPerSecond.toFixed(1)} MiB/s`)
    }
    await rm(source)

    const big = join(work, 'big.bin')
    await writeFileOf(big, RSS_BYTES, false)
    console.log(`getting ${fmt(RSS_BYTES)} (sparse source) and sampling the getter's RSS…`)
    const { mibPerSecond, rss } = await cliToCli(tracker.url, big, join(work, 'out-big'), RSS_BYTES)
    const quarter = Math.max(1, Math.floor(rss.length / 4))
    const early = median(rss.slice(0, quarter))
    const late = median(rss.slice(-quarter))
    const peak = Math.max(...rss)
    const peakAt = rss.indexOf(peak) / Math.max(1, rss.length - 1)
    const p95 = rss.slice().sort((x, y) => x - y)[Math.floor(rss.length * 0.95)] ?? peak
    failed = peak >= RSS_LIMIT_BYTES

    const wrtcRaw = median(raw.get('@roamhq/wrtc') ?? [])
    console.log(`\n| figure | runs | median | vs baseline |`)
    console.log('| --- | --- | --- | --- |')
    for (const stack of STACKS) {
      const runs = raw.get(stack.name) ?? []
      console.log(
        `| raw data channel, ${stack.name} | ${runs.map((r) => r.toFixed(1)).join(', ')} MiB/s | ${median(runs).toFixed(1)} MiB/s | ${(median(runs) / wrtcRaw).toFixed(2)} × @roamhq/wrtc |`,
      )
    }
    console.log(
      `| CLI→CLI goodput, ${fmt(CLI_BYTES)} | ${goodput.map((r) => r.toFixed(1)).join(', ')} MiB/s | ${median(goodput).toFixed(1)} MiB/s | ${(median(goodput) / wrtcRaw).toFixed(2)} × raw @roamhq/wrtc |`,
    )
    console.log(
      `| getter RSS, ${fmt(RSS_BYTES)} at ${mibPerSecond.toFixed(1)} MiB/s | ${rss.length} samples | first quarter ${fmt(early)}, last quarter ${fmt(late)}, p95 ${fmt(p95)}, peak ${fmt(peak)} at ${(peakAt * 100).toFixed(0)} % of the run | limit ${fmt(RSS_LIMIT_BYTES)}: ${failed ? 'FAIL' : 'ok'} |`,
    )
  } finally {
    killAll()
    await tracker.close()
    // The 4 GiB source and its copy: never left behind.
    await rm(work, { recursive: true, force: true })
  }
  return failed ? 1 : 0
}

process.exit(await main())
