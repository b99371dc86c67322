import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { I18nextProvider } from 'react-i18next'
import { afterEach, describe, expect, it } from 'vitest'

import { LanguageSwitch } from '../components/LanguageSwitch.tsx'
import { LANGUAGE_STORAGE_KEY } from './language.ts'
import { createI18n, followLanguage } from './setup.ts'

afterEach(cleanup)

const memoryStorage = () => {
  const data = new Map<string, string>()
  return {
    data,
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
  }
}

describe('i18n setup', () => {
  it('[LANG-1] renders translated on the first render, Korean or English', () => {
    expect(createI18n('ko').t('common.language.label')).toBe('언어')
    expect(createI18n('en').t('common.language.label')).toBe('Language')
  })

  it('[LANG-2] [LANG-3] the switch changes the language, <html lang> and the remembered choice', async () => {
    const i18n = createI18n('en')
    const root = document.createElement('html')
    const storage = memoryStorage()
    const stop = followLanguage(i18n, root, storage)
    expect(root.lang).toBe('en')
    expect(storage.data.size).toBe(0)
    render(
      <I18nextProvider i18n={i18n}>
        <LanguageSwitch />
      </I18nextProvider>,
    )
    const select = screen.getByTestId('language-switch') as HTMLSelectElement
    expect(screen.getByLabelText('Language')).toBe(select)
    await act(async () => {
      fireEvent.change(select, { target: { value: 'ko' } })
      await Promise.resolve()
    })
    expect(i18n.language).toBe('ko')
    expect(root.lang).toBe('ko')
    expect(storage.data.get(LANGUAGE_STORAGE_KEY)).toBe('ko')
    expect(screen.getByLabelText('언어')).toBe(select)
    stop()
  })
})
