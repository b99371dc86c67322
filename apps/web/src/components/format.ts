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
