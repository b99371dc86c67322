import { useTranslation } from 'react-i18next'

/** Props of InterceptionWarning. */
export interface InterceptionWarningProps {
  /** Connections refused because their link proof failed (SPEC PL-6). */
  readonly proofFailures: number
}

/**
 * Warns that a connection failed the link check (SPEC PL-6): a peer without the link, or someone
 * between the two browsers (a hostile tracker or relay). Nothing was sent over that connection.
 * Shown on the seeding and download views; renders nothing while every connection passed.
 */
export function InterceptionWarning({ proofFailures }: InterceptionWarningProps) {
  const { t } = useTranslation()
  if (proofFailures === 0) {
    return null
  }
  return (
    <section
      className="card notice warning"
      role="alert"
      data-testid="interception-warning"
      data-count={proofFailures}
    >
      <p>
        <strong>{t('download.intercept.title')}</strong>{' '}
        {t('download.intercept.body', { count: proofFailures })}
      </p>
    </section>
  )
}
