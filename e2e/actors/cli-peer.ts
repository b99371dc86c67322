import { expect } from '@playwright/test'

import {
  type CliProcess,
  killAll,
  ofType,
  runCli,
} from '../../apps/cli/src/cli-process.test-support.ts'
import type { CliRecord } from '../../apps/cli/src/records.ts'

/**
 * A `swarmdrop` command-line peer in an e2e swarm: the real bin as a child process with `--json`,
 * its records read as they arrive (SPEC CL-4).
 */
export class CliPeer {
  private constructor(
    readonly name: string,
    readonly process: CliProcess,
  ) {}

  /** `swarmdrop seed <paths…> --tracker <baseUrl>`; resolves once its link is printed. */
  static async seed(
    baseUrl: string,
    paths: readonly string[],
  ): Promise<{ peer: CliPeer; link: string }> {
    const peer = new CliPeer(
      'cli seeder',
      runCli(['seed', ...paths, '--tracker', baseUrl, '--json']),
    )
    const { url } = await peer.process.waitFor(ofType('link'))
    await peer.process.waitFor((r) => r.type === 'tracker' && r.status === 'connected')
    return { peer, link: url }
  }

  /** `swarmdrop get <link> -o <dir> [extra]`. */
  static get(link: string, dir: string, extra: readonly string[] = []): CliPeer {
    return new CliPeer('cli getter', runCli(['get', link, '-o', dir, '--json', ...extra]))
  }

  /** The latest progress record, or null before the first. */
  latestProgress(): Extract<CliRecord, { type: 'progress' }> | null {
    const all = this.process.records.filter(ofType('progress'))
    return all.at(-1) ?? null
  }

  /** Bytes this CLI uploaded so far, from its latest progress record. */
  uploadedBytes(): number {
    return this.latestProgress()?.uploadedBytes ?? 0
  }

  /** Waits for the `done` record (the download verified and written). */
  async done(timeoutMs: number): Promise<Extract<CliRecord, { type: 'done' }>> {
    await expect
      .poll(() => this.process.records.some((r) => r.type === 'done'), {
        timeout: timeoutMs,
        message: `${this.name} done`,
      })
      .toBe(true)
    return this.process.waitFor(ofType('done'))
  }

  /** Waits until at least `fraction` of the file is verified. */
  async waitForProgress(fraction: number, timeoutMs: number): Promise<void> {
    await expect
      .poll(
        () => {
          const p = this.latestProgress()
          return p === null ? 0 : p.verifiedBytes / p.totalBytes
        },
        { timeout: timeoutMs, message: `${this.name} progress` },
      )
      .toBeGreaterThanOrEqual(fraction)
  }

  /** SIGTERM, then the exit code (SPEC CL-12: leaves the swarm cleanly). */
  async stop(): Promise<number> {
    this.process.child.kill('SIGTERM')
    return this.process.exited
  }
}

/** Kills every CLI still running (afterEach/afterAll of a spec). */
export const killAllCliPeers = killAll
