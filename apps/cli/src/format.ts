/** Pure formatting of the CLI's human output (numbers in, one line out), so it is unit-tested. */

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB']

/** 1536 → "1.5 KiB". */
export function formatBytes(bytes: number): string {
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024
    unit++
  }
  return `${unit === 0 ? value.toFixed(0) : value.toFixed(1)} ${BYTE_UNITS[unit]}`
}

/** Bytes/s → "2.0 MiB/s". */
export function formatRate(bytesPerSecond: number): string {
  return `${formatBytes(bytesPerSecond)}/s`
}

/** Seconds left at `rate` for `remaining` bytes: "1:05", "2:03:04", or "--:--" when stalled. */
export function formatEta(remainingBytes: number, bytesPerSecond: number): string {
  if (bytesPerSecond <= 0 || !Number.isFinite(remainingBytes / bytesPerSecond)) {
    return '--:--'
  }
  const total = Math.ceil(remainingBytes / bytesPerSecond)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = String(total % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`
}

/** A fixed-width bar: fraction 0.5, width 10 → "[#####.....]". */
export function progressBar(fraction: number, width = 24): string {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0))
  const filled = Math.round(clamped * width)
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`
}

/** The percentage shown beside a bar, floored so 100 % means done: 0.999 → " 99%". */
export function percent(fraction: number): string {
  return `${String(Math.floor(Math.min(1, Math.max(0, fraction)) * 100)).padStart(3)}%`
}
