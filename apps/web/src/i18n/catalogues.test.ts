import { describe, expect, it } from 'vitest'

import { baseKeys, leafEntries, leafKeys, missingPluralForms } from './catalogue-keys.ts'
import en from './locales/en.json'
import ko from './locales/ko.json'

const NAMESPACES = [
  'app',
  'common',
  'download',
  'library',
  'settings',
  'share',
  'status',
  'stream',
  'swarm',
]

describe('catalogues', () => {
  it('[LANG-4] English and Korean have exactly the same keys (plural forms folded)', () => {
    const english = baseKeys(en)
    const korean = baseKeys(ko)
    expect([...korean].filter((key) => !english.has(key))).toEqual([])
    expect([...english].filter((key) => !korean.has(key))).toEqual([])
  })

  it('[LANG-4] no value is empty', () => {
    for (const [key, value] of [...leafEntries(en), ...leafEntries(ko)]) {
      expect(value.trim(), key).not.toBe('')
    }
  })

  it('[LANG-4] every plural key has each form its language needs', () => {
    expect(missingPluralForms(en, 'en')).toEqual([])
    expect(missingPluralForms(ko, 'ko')).toEqual([])
  })

  it('[LANG-4] keys are grouped by feature', () => {
    for (const key of [...leafKeys(en), ...leafKeys(ko)]) {
      expect(NAMESPACES, key).toContain(key.split('.')[0])
    }
  })

  it('[LANG-4] Korean interpolates the same values as English', () => {
    const placeholders = (text: string): string[] =>
      [...text.matchAll(/\{\{\s*(\w+)[^}]*\}\}/g)].map((match) => match[1] ?? '').sort()
    const english = new Map(
      leafEntries(en).map(([key, value]) => [key.replace(/_(one|other)$/, ''), value]),
    )
    for (const [key, value] of leafEntries(ko)) {
      const base = key.replace(/_(one|other)$/, '')
      const source = english.get(base)
      if (source !== undefined) {
        // `count` may be dropped in Korean ("파일 여러 개"); any other value must survive.
        expect(
          placeholders(value).filter((name) => name !== 'count'),
          key,
        ).toEqual(placeholders(source).filter((name) => name !== 'count'))
      }
    }
  })
})
