// CPU time of this bench's Chromium, per process, from /proc (Linux only): under a loaded machine a
// rate says little, but CPU seconds per MiB moved say what a transfer costs, and in which process.
import { readFileSync, readdirSync } from 'node:fs'

/** USER_HZ: Linux reports /proc times in these ticks, 100 a second on every common build. */
const CLOCK_TICKS_PER_S = 100

/** CPU seconds (user + system) of each descendant process of this Node process, by label. */
export type CpuSnapshot = ReadonlyMap<
  number,
  {
    readonly label: string
    readonly seconds: number
    /** Per thread name (threads of one name summed): where in the process the time went. */
    readonly threads: ReadonlyMap<string, number>
  }
>

function threadsOf(pid: number): Map<string, number> {
  const out = new Map<string, number>()
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replace(/\d+$/, '')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      const s = (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_S
      out.set(name, (out.get(name) ?? 0) + s)
    }
  } catch {
    // The process exited while we read it.
  }
  return out
}

function statOf(pid: number): { ppid: number; seconds: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name may hold spaces; fields after it are space-separated.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const ppid = Number(fields[1])
    const ticks = Number(fields[11]) + Number(fields[12])
    return { ppid, seconds: ticks / CLOCK_TICKS_PER_S }
  } catch {
    return null
  }
}

function labelOf(pid: number): string {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/)
    const type = args.find((a) => a.startsWith('--type='))?.slice(7)
    const sub = args.find((a) => a.startsWith('--utility-sub-type='))?.slice(19)
    if (type === undefined) {
      return args[0]?.includes('chrom') ? 'browser' : (args[0]?.split('/').pop() ?? '?')
    }
    return sub === undefined ? type : `${type}:${sub.split('.')[0]}`
  } catch {
    return '?'
  }
}

/** Reads every process below this one (Chromium and its children). */
export function cpuSnapshot(): CpuSnapshot {
  if (process.platform !== 'linux') {
    return new Map()
  }
  const parents = new Map<number, number>()
  const seconds = new Map<number, number>()
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry)
    if (!Number.isInteger(pid)) {
      continue
    }
    const stat = statOf(pid)
    if (stat) {
      parents.set(pid, stat.ppid)
      seconds.set(pid, stat.seconds)
    }
  }
  const isOurs = (pid: number): boolean => {
    for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p)) {
      if (p === process.pid) {
        return true
      }
    }
    return false
  }
  const out = new Map<number, { label: string; seconds: number; threads: Map<string, number> }>()
  for (const [pid, s] of seconds) {
    if (isOurs(pid)) {
      out.set(pid, { label: labelOf(pid), seconds: s, threads: threadsOf(pid) })
    }
  }
  return out
}

/** CPU seconds spent between two snapshots, per process, largest first, as "label pid: s". */
export function cpuSpent(before: CpuSnapshot, after: CpuSnapshot): string {
  const rows: [string, number][] = []
  let total = 0
  for (const [pid, { label, seconds }] of after) {
    const spent = seconds - (before.get(pid)?.seconds ?? 0)
    total += spent
    if (spent >= 0.05) {
      rows.push([`${label} ${pid}`, spent])
    }
  }
  rows.sort((a, b) => b[1] - a[1])
  return `${total.toFixed(1)} s (${rows.map(([k, s]) => `${k}: ${s.toFixed(1)}`).join(', ')})`
}

/** The threads of every process that spent at least `minSeconds`, as "pid: name s, …" lines. */
export function threadsSpent(before: CpuSnapshot, after: CpuSnapshot, minSeconds = 1): string {
  const lines: string[] = []
  for (const [pid, { label, seconds, threads }] of after) {
    const was = before.get(pid)
    if (seconds - (was?.seconds ?? 0) < minSeconds) {
      continue
    }
    const rows = [...threads]
      .map(([name, s]): [string, number] => [name, s - (was?.threads.get(name) ?? 0)])
      .filter(([, s]) => s >= 0.1)
      .sort((a, b) => b[1] - a[1])
    lines.push(`    ${label} ${pid}: ${rows.map(([n, s]) => `${n} ${s.toFixed(1)}`).join(', ')}`)
  }
  return lines.join('\n')
}
