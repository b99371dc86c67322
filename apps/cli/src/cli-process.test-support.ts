/**
 * Test support: the real `swarmdrop` bin as a child process, its `--json` lines parsed as they
 * arrive, and waits on them (no sleeps: every wait is for a record or for the exit).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

import type { CliRecord } from './records.ts'

/** The bin, run through its shebang (which sets MALLOC_ARENA_MAX, as `npx swarmdrop` does). */
export const BIN = fileURLToPath(new URL('../bin/swarmdrop.mjs', import.meta.url))

/** A running `swarmdrop` process. */
export interface CliProcess {
  readonly child: ChildProcess
  readonly records: CliRecord[]
  stderr(): string
  /** Resolves with the first record (already seen or still to come) matching `predicate`. */
  waitFor<T extends CliRecord>(predicate: (record: CliRecord) => record is T): Promise<T>
  waitFor(predicate: (record: CliRecord) => boolean): Promise<CliRecord>
  /** Resolves with the exit code (a signal's death as 128 + its number, like a shell). */
  readonly exited: Promise<number>
}

const running = new Set<ChildProcess>()

/** Kills every process still running (afterEach). */
export function killAll(): void {
  for (const child of running) {
    child.kill('SIGKILL')
  }
  running.clear()
}

/** Starts `swarmdrop <args>` with `--json` appended unless the args already pick an output. */
export function runCli(args: readonly string[], env: Record<string, string> = {}): CliProcess {
  const child = spawn(BIN, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.add(child)
  const records: CliRecord[] = []
  const waiters: { predicate: (r: CliRecord) => boolean; resolve: (r: CliRecord) => void }[] = []
  let stderr = ''
  let buffered = ''
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk
    let newline = buffered.indexOf('\n')
    while (newline >= 0) {
      const line = buffered.slice(0, newline)
      buffered = buffered.slice(newline + 1)
      newline = buffered.indexOf('\n')
      if (!line.startsWith('{')) {
        continue
      }
      const record = JSON.parse(line) as CliRecord
      records.push(record)
      for (const waiter of [...waiters]) {
        if (waiter.predicate(record)) {
          waiters.splice(waiters.indexOf(waiter), 1)
          waiter.resolve(record)
        }
      }
    }
  })
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk
  })
  const exited = new Promise<number>((resolve) => {
    child.on('exit', (code, signal) => {
      running.delete(child)
      resolve(code ?? 128 + (signal === 'SIGKILL' ? 9 : signal === 'SIGTERM' ? 15 : 2))
    })
  })
  const waitFor = (predicate: (record: CliRecord) => boolean): Promise<CliRecord> => {
    const seen = records.find(predicate)
    if (seen !== undefined) {
      return Promise.resolve(seen)
    }
    return new Promise((resolve, reject) => {
      waiters.push({ predicate, resolve })
      void exited.then((code) =>
        reject(
          new Error(
            `swarmdrop exited (${code}) first; stderr: ${stderr}; records: ${JSON.stringify(records.slice(-5))}`,
          ),
        ),
      )
    })
  }
  return { child, records, stderr: () => stderr, waitFor: waitFor as CliProcess['waitFor'], exited }
}

/** Narrows a record by type. */
export const ofType =
  <K extends CliRecord['type']>(type: K) =>
  (record: CliRecord): record is Extract<CliRecord, { type: K }> =>
    record.type === type
