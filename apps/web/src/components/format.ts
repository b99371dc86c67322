import type { Language } from '../i18n/language.ts'

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const

// Duration unit words per language. Intl.DurationFormat is not in every supported browser yet, and
// Intl's `unit` style reads "0.9 sec" in English where the page has always said "0.9 s".
const DURATION_UNITS: Record<Language, { s: string; min: string; h: string; join: string }> = {
  en: { s: ' s', min: ' min', h: ' h', join: ' ' },
  ko: { s: '초', min: '분', h: '시간', join: ' ' },
}

// Intl.NumberFormat is costly to build and formats run on every stats tick: one per shape.
const numberFormats = new Map<string, Intl.NumberFormat>()

/**
 * Formats a number in the language's conventions (digit grouping, decimal sign) with exactly
 * `digits` decimals: `formatNumber(1234.5, 'en', 1)` → `1,234.5`.
 */
export function formatNumber(value: number, language: Language = 'en', digits = 0): string {
  const key = `${language}:${digits}`
  let format = numberFormats.get(key)
  if (format === undefined) {
    format = new Intl.NumberFormat(language, {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    })
    numberFormats.set(key, format)
  }
  return format.format(value)
}

/** Formats a byte count for people: `1536` → `1.5 KiB` (binary units read the same in both languages). */
export function formatBytes(bytes: number, language: Language = 'en'): string {
  let value = Math.max(0, bytes)
  let unit = 0
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024
    unit += 1
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1
  return `${formatNumber(value, language, digits)} ${UNITS[unit] ?? 'B'}`
}

/** Formats a rate in bytes per second. */
export const formatRate = (bps: number, language: Language = 'en'): string =>
  `${formatBytes(bps, language)}/s`

/**
 * Formats a duration for people: `940` → `0.9 s` (Korean `0.9초`), `75_000` → `1 min 15 s`
 * (`1분 15초`); null → `—`.
 */
export function formatDuration(ms: number | null, language: Language = 'en'): string {
  if (ms === null || !Number.isFinite(ms)) {
    return '—'
  }
  const unit = DURATION_UNITS[language]
  const seconds = Math.max(0, ms) / 1000
  if (seconds < 10) {
    return `${formatNumber(seconds, language, 1)}${unit.s}`
  }
  if (seconds < 60) {
    return `${Math.round(seconds)}${unit.s}`
  }
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) {
    return `${minutes}${unit.min}${unit.join}${Math.round(seconds - minutes * 60)}${unit.s}`
  }
  return `${formatNumber(Math.floor(minutes / 60), language)}${unit.h}${unit.join}${minutes % 60}${unit.min}`
}

/** A short peer id for tables and logs; the full id goes in a title or data attribute. */
export const shortPeerId = (peerId: string): string => peerId.slice(0, 8)
