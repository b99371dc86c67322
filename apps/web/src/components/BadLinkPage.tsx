import { Trans, useTranslation } from 'react-i18next'

/** Props of BadLinkPage. */
export interface BadLinkPageProps {
  /** Why the link was refused, from the link parser. */
  readonly reason: string
  /** The link is from an older Swarmdrop (SPEC PL-1): the sender must make a new one. */
  readonly old?: boolean
}

/** Shown for a malformed share link; nothing has been contacted (SPEC MD-5). */
export function BadLinkPage({ reason, old = false }: BadLinkPageProps) {
  const { t } = useTranslation()
  return (
    <section className="card" aria-labelledby="bad-link-title">
      <h1 id="bad-link-title">{old ? t('common.badLink.oldTitle') : t('common.badLink.title')}</h1>
      <p>
        {old ? (
          t('common.badLink.oldBody')
        ) : (
          <Trans i18nKey="common.badLink.body" components={{ hash: <code /> }} />
        )}
      </p>
      {/* The parser's own words, in English: a detail for whoever reports the problem. */}
      <details className="muted small">
        <summary>{t('common.badLink.detail')}</summary>
        <p lang="en">{reason}</p>
      </details>
      <p>
        <a className="button" href="#">
          {t('common.badLink.shareInstead')}
        </a>
      </p>
    </section>
  )
}
