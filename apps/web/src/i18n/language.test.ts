import { describe, expect, it } from 'vitest'

import {
  LANGUAGE_STORAGE_KEY,
  initialLanguage,
  languageOfBrowser,
  rememberLanguage,
} from './language.ts'

const memoryStorage = (): Pick<Storage, 'getItem' | 'setItem'> & { data: Map<string, string> } => {
  const data = new Map<string, string>()
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
  }
}

describe('language', () => {
  it('[LANG-1] a Korean browser gets Korean, any other English', () => {
    expect(languageOfBrowser(['ko-KR', 'en-US'])).toBe('ko')
    expect(languageOfBrowser(['ko'])).toBe('ko')
    expect(languageOfBrowser(['KO-kr'])).toBe('ko')
    expect(languageOfBrowser(['en-GB', 'ko'])).toBe('en')
    expect(languageOfBrowser(['fr-FR', 'ko-KR'])).toBe('ko')
    expect(languageOfBrowser(['fr-FR', 'de'])).toBe('en')
    expect(languageOfBrowser([])).toBe('en')
  })

  it('[LANG-2] the remembered choice wins over the browser', () => {
    const storage = memoryStorage()
    expect(initialLanguage(storage, ['ko-KR'])).toBe('ko')
    rememberLanguage(storage, 'en')
    expect(storage.data.get(LANGUAGE_STORAGE_KEY)).toBe('en')
    expect(initialLanguage(storage, ['ko-KR'])).toBe('en')
  })

  it('[LANG-2] a stored value that is no language, or storage that throws, is ignored', () => {
    const storage = memoryStorage()
    storage.setItem(LANGUAGE_STORAGE_KEY, 'xx')
    expect(initialLanguage(storage, ['ko'])).toBe('ko')
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError')
      },
      setItem: () => {
        throw new Error('SecurityError')
      },
    }
    expect(initialLanguage(refusing, ['ko'])).toBe('ko')
    expect(() => rememberLanguage(refusing, 'en')).not.toThrow()
    expect(initialLanguage(null, [])).toBe('en')
  })
})
