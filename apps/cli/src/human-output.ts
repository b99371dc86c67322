import type { OutputMode } from './args.ts'
import { formatBytes, formatEta, formatRate, percent, progressBar } from './format.ts'
import type { CliRecord, Reporter } from './records.ts'

/** Off a TTY (a log file, CI) the live line is printed at most this often, not redrawn. */
const PLAIN_PROGRESS_INTERVAL_MS = 2_000

/** The live status line for a progress record (pure, for the tests). */
export function progressLine(record: Extract<CliRecord, { type: 'progress' | 'hashing' }>): string {
  if (record.type === 'hashing') {
    const fraction = record.totalBytes === 0 ? 1 : record.hashedBytes / record.totalBytes
    return `hashing ${progressBar(fraction)} ${percent(fraction)} ${formatBytes(record.hashedBytes)} of ${formatBytes(record.totalBytes)}`
  }
  const peers = `${record.peers} peer${record.peers === 1 ? '' : 's'}`
  if (record.seeding) {
    // "Copies sent": upload over size, the number a seedbox owner watches.
    const copies = record.totalBytes === 0 ? 0 : record.uploadedBytes / record.totalBytes
    return `seeding · ${peers} · up ${formatRate(record.upBps)} · ${formatBytes(record.uploadedBytes)} sent (${copies.toFixed(2)} copies)`
  }
  const fraction = record.totalBytes === 0 ? 1 : record.verifiedBytes / record.totalBytes
  return `${progressBar(fraction)} ${percent(fraction)} ${formatBytes(record.verifiedBytes)} of ${formatBytes(record.totalBytes)} · ${formatRate(record.downBps)} · ETA ${formatEta(record.totalBytes - record.verifiedBytes, record.downBps)} · ${peers}`
}

/** A line for a discrete record, or null for the ones shown on the live line. */
export function recordLine(record: CliRecord): string | null {
  switch (record.type) {
    case 'link':
      return `${record.name} (${formatBytes(record.totalBytes)}) is shared at:\n\n  ${record.url}\n`
    case 'tracker':
      return record.status === 'reconnecting'
        ? `tracker ${record.url} unreachable; retrying with back-off (up to 10 s between tries)…`
        : record.status === 'connected'
          ? `connected to tracker ${record.url}`
          : null
    case 'waiting':
      return record.message
    case 'metadata':
      return `${record.name}: ${formatBytes(record.totalBytes)}${record.files > 1 ? ` in ${record.files} files` : ''} → ${record.path}`
    case 'resume':
      return `resuming: ${record.verifiedPieces} of ${record.pieceCount} pieces (${formatBytes(record.verifiedBytes)}) already verified on disk`
    case 'done':
      return `done: ${record.path} (${formatBytes(record.totalBytes)}; fetched ${formatBytes(record.fetchedBytes)} (${record.fetchedBytes} bytes) in this run)`
    case 'stopped':
      return `stopped (${record.reason}); ${formatBytes(record.verifiedBytes)} verified is kept, ${formatBytes(record.uploadedBytes)} sent`
    case 'error':
      return `error: ${record.message}`
    case 'peers':
    case 'progress':
    case 'hashing':
      return null
  }
}

/**
 * The reporter for a mode (SPEC CL-4): JSON lines on stdout; or for people, discrete lines plus
 * one live line redrawn in place on a TTY. Errors always reach stderr; --quiet keeps only those
 * and the share link.
 */
export function createReporter(
  mode: OutputMode,
  out: NodeJS.WriteStream = process.stdout,
  err: NodeJS.WriteStream = process.stderr,
  now: () => number = () => performance.now(),
): Reporter {
  if (mode === 'json') {
    return {
      report: (record) => out.write(`${JSON.stringify(record)}\n`),
      note: () => undefined,
      close: () => undefined,
    }
  }
  const live = out.isTTY === true
  let lineShown = false
  let lastPlainAt = -Infinity
  const endLine = (): void => {
    if (lineShown) {
      out.write('\n')
      lineShown = false
    }
  }
  return {
    report(record) {
      if (record.type === 'error') {
        endLine()
        err.write(`${recordLine(record)}\n`)
        return
      }
      if (mode === 'quiet') {
        if (record.type === 'link') {
          out.write(`${record.url}\n`)
        }
        return
      }
      if (record.type === 'progress' || record.type === 'hashing') {
        const line = progressLine(record)
        if (live) {
          out.write(`\r\u001b[2K${line}`)
          lineShown = true
        } else if (now() - lastPlainAt >= PLAIN_PROGRESS_INTERVAL_MS) {
          lastPlainAt = now()
          out.write(`${line}\n`)
        }
        return
      }
      const line = recordLine(record)
      if (line !== null) {
        endLine()
        out.write(`${line}\n`)
      }
    },
    note(text) {
      if (mode === 'human') {
        endLine()
        out.write(`${text}\n`)
      }
    },
    close: endLine,
  }
}
