import { useId } from 'react'
import { useTranslation } from 'react-i18next'

/** Props of SharePasswordField. */
export interface SharePasswordFieldProps {
  readonly value: string
  readonly onChange: (password: string) => void
}

/**
 * An optional password for the next share (SPEC PL-5): downloaders need the link and this. It is
 * never sent anywhere; peers prove they know it.
 */
export function SharePasswordField({ value, onChange }: SharePasswordFieldProps) {
  const { t } = useTranslation()
  const id = useId()
  return (
    <p className="share-password">
      <label htmlFor={id}>{t('share.password.label')}</label>{' '}
      <input
        id={id}
        type="password"
        autoComplete="new-password"
        data-testid="share-password"
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </p>
  )
}
