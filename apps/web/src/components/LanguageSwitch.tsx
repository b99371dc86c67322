import { useTranslation } from 'react-i18next'

import { LANGUAGES, type Language } from '../i18n/language.ts'
import './language-switch.css'

/**
 * The page's language switch (SPEC LANG-2): a native select, so keyboard and screen reader work as
 * everywhere else. Each language is named in itself, so someone who cannot read the current one
 * still finds theirs.
 */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation()
  return (
    <label className="language-switch">
      <span className="visually-hidden">{t('common.language.label')}</span>
      <select
        data-testid="language-switch"
        value={i18n.language}
        onChange={(event) => void i18n.changeLanguage(event.target.value as Language)}
      >
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {t(`common.language.${language}`)}
          </option>
        ))}
      </select>
    </label>
  )
}
