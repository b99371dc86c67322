import { useId, useState } from 'react'
import type { FormEvent } from 'react'
import { useTranslation } from 'react-i18next'

/** Props of PasswordPrompt. */
export interface PasswordPromptProps {
  /** The last password was refused by the sender (SPEC PL-5). */
  readonly wrong: boolean
  /** The password is being checked (the slow key derivation, then the peer proof). */
  readonly checking: boolean
  readonly onSubmit: (password: string) => void
}

/**
 * Asks for a share's password before anything is contacted (SPEC PL-5): a `#2p.` link alone
 * finds peers but gets nothing from them.
 */
export function PasswordPrompt({ wrong, checking, onSubmit }: PasswordPromptProps) {
  const { t } = useTranslation()
  const inputId = useId()
  const errorId = useId()
  const [password, setPassword] = useState('')
  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault()
    if (password !== '') {
      onSubmit(password)
    }
  }
  return (
    <section className="card" aria-labelledby={`${inputId}-title`}>
      <h1 id={`${inputId}-title`}>{t('download.password.title')}</h1>
      <form onSubmit={submit} className="password-form">
        <label htmlFor={inputId}>{t('download.password.label')}</label>
        <input
          id={inputId}
          type="password"
          autoComplete="off"
          data-testid="password-input"
          value={password}
          aria-invalid={wrong}
          aria-describedby={wrong ? errorId : undefined}
          onChange={(event) => setPassword(event.target.value)}
        />
        <button type="submit" data-testid="password-submit" disabled={password === ''}>
          {checking ? t('download.password.checking') : t('download.password.open')}
        </button>
      </form>
      {wrong ? (
        <p id={errorId} role="alert" className="error" data-testid="wrong-password">
          {t('download.password.wrong')}
        </p>
      ) : null}
    </section>
  )
}
