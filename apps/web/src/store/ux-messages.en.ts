import { leafEntries } from '../i18n/catalogue-keys.ts'
import en from '../i18n/locales/en.json'

/** The English catalogue as flat dotted keys (`status.seed.keepOpen`), for pure functions' tests. */
export const UX_MESSAGES_EN: Readonly<Record<string, string>> = Object.fromEntries(leafEntries(en))

/**
 * i18next-style lookup in English without an i18next instance (pure modules' defaults and
 * tests): plural by `count` (`_one`/`_other`), `{{value}}` interpolation.
 */
export function translateEn(
  key: string,
  values?: Readonly<Record<string, string | number>>,
): string {
  const count = values?.['count']
  const plural =
    typeof count === 'number'
      ? UX_MESSAGES_EN[`${key}_${count === 1 ? 'one' : 'other'}`]
      : undefined
  const template = plural ?? UX_MESSAGES_EN[key] ?? key
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values?.[name] ?? ''))
}
