const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const

/** Formats a byte count for people: `1536` → `1.5 KiB`. */
export function formatBytes(bytes: number): string {
  let value = Math.max(0, bytes)
  let unit = 0
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024
    unit += 1
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1
  return `${value.toFixed(digits)} ${UNITS[unit] ?? 'B'}`
}

/** Formats a rate in bytes per second. */
export const formatRate = (bps: number): string => `${formatBytes(bps)}/s`

/** Formats a duration for people: `950` → `0.9 s`, `75_000` → `1 min 15 s`; null → `—`. */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) {
    return '—'
  }
  const seconds = Math.max(0, ms) / 1000
  if (seconds < 10) {
    return `${seconds.toFixed(1)} s`
  }
  if (seconds < 60) {
    return `${Math.round(seconds)} s`
  }
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) {
    return `${minutes} min ${Math.round(seconds - minutes * 60)} s`
  }
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`
}

/** A short peer id for tables and logs; the full id goes in a title or data attribute. */
export const shortPeerId = (peerId: string): string => peerId.slice(0, 8)
