/** The languages the UI is written in (SPEC LANG-1); English is the fallback for every other. */
export const LANGUAGES = ['en', 'ko'] as const

/** One of the UI's languages. */
export type Language = (typeof LANGUAGES)[number]

/** Where the language switch's choice is remembered (SPEC LANG-2). */
export const LANGUAGE_STORAGE_KEY = 'swarmdrop.language'

/** The part of Web Storage the choice uses; null where storage is unavailable. */
export type LanguageStorage = Pick<Storage, 'getItem' | 'setItem'> | null

const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)

/**
 * The UI language of a browser's preferred languages (`navigator.languages`): the first that is
 * Korean (`ko`, `ko-KR`, …) or English decides; anything else falls back to English (SPEC LANG-1).
 */
export function languageOfBrowser(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split('-')[0]
    if (isLanguage(primary)) {
      return primary
    }
  }
  return 'en'
}

/** The language at load: the switch's remembered choice, else the browser's (SPEC LANG-1, LANG-2). */
export function initialLanguage(storage: LanguageStorage, preferred: readonly string[]): Language {
  try {
    const remembered = storage?.getItem(LANGUAGE_STORAGE_KEY)
    if (isLanguage(remembered)) {
      return remembered
    }
  } catch {
    // Storage may refuse access (blocked cookies, sandboxed frames): the browser's language decides.
  }
  return languageOfBrowser(preferred)
}

/** Remembers the switch's choice for the next visit; a browser that refuses keeps it for the tab. */
export function rememberLanguage(storage: LanguageStorage, language: Language): void {
  try {
    storage?.setItem(LANGUAGE_STORAGE_KEY, language)
  } catch {
    // See initialLanguage: the choice then lasts as long as this tab.
  }
}

/** The browser's preferred languages, most preferred first (empty where there is no navigator). */
export function browserLanguages(): readonly string[] {
  const nav = globalThis.navigator as Navigator | undefined
  if (nav === undefined) {
    return []
  }
  return nav.languages.length > 0 ? nav.languages : [nav.language]
}
