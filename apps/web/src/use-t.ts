import type { Translate } from './store/status-line.ts'
import { translateEn } from './store/ux-messages.en.ts'

/** The page's translate function for the UX strings (the i18n catalogues take over at merge). */
export function useT(): Translate {
  return translateEn
}
