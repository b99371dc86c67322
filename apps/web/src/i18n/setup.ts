import i18next, { type i18n as I18n } from 'i18next'

import { LANGUAGES, type Language, type LanguageStorage, rememberLanguage } from './language.ts'
import en from './locales/en.json'
import ko from './locales/ko.json'

/** Both catalogues, keyed by language; one namespace (`translation`), keys grouped by feature. */
export const CATALOGUES = { en, ko } as const

/**
 * Creates the i18next instance the page renders with, already initialised in `language` (the
 * catalogues are bundled, so nothing loads asynchronously and the first render is translated).
 * Hand it to `<I18nextProvider>`; it is never made global here, so instances cannot leak between
 * tests (the unit tests' default English one is set in test-support/i18n-setup.ts).
 */
export function createI18n(language: Language): I18n {
  const instance = i18next.createInstance()
  void instance.init({
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    resources: { en: { translation: en }, ko: { translation: ko } },
    // Bundled catalogues: initialise synchronously so the first render is already translated.
    initAsync: false,
    // React escapes what it renders; i18next escaping as well would show `&amp;` in names.
    interpolation: { escapeValue: false },
    returnNull: false,
  })
  return instance
}

/**
 * Keeps `<html lang>` in step with the UI language (screen readers pick their voice from it, SPEC
 * LANG-3) and remembers a change made with the switch (LANG-2).
 * @returns a function that stops following the instance
 */
export function followLanguage(
  instance: I18n,
  root: HTMLElement,
  storage: LanguageStorage,
): () => void {
  root.lang = instance.language
  const onChange = (language: string): void => {
    root.lang = language
    if ((LANGUAGES as readonly string[]).includes(language)) {
      rememberLanguage(storage, language as Language)
    }
  }
  instance.on('languageChanged', onChange)
  return () => instance.off('languageChanged', onChange)
}
