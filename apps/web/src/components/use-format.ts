import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'

import type { Language } from '../i18n/language.ts'
import { formatBytes, formatDuration, formatNumber, formatRate } from './format.ts'

/** format.ts's formatters bound to the page's current language. */
export interface Formatters {
  readonly language: Language
  readonly bytes: (bytes: number) => string
  readonly rate: (bps: number) => string
  readonly duration: (ms: number | null) => string
  readonly number: (value: number, digits?: number) => string
}

/** The formatters for the UI's current language; components re-render when it changes. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation()
  const language: Language = i18n.language === 'ko' ? 'ko' : 'en'
  return useMemo(
    () => ({
      language,
      bytes: (bytes) => formatBytes(bytes, language),
      rate: (bps) => formatRate(bps, language),
      duration: (ms) => formatDuration(ms, language),
      number: (value, digits) => formatNumber(value, language, digits),
    }),
    [language],
  )
}
