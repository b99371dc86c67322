import { Trans, useTranslation } from 'react-i18next'

/** Props of BadLinkPage. */
export interface BadLinkPageProps {
  /** Why the link was refused, from the link parser. */
  readonly reason: string
}

/** Shown for a malformed share link; nothing has been contacted (SPEC MD-5). */
export function BadLinkPage({ reason }: BadLinkPageProps) {
  const { t } = useTranslation()
  return (
    <section className="card" aria-labelledby="bad-link-title">
      <h1 id="bad-link-title">{t('common.badLink.title')}</h1>
      <p>
        <Trans i18nKey="common.badLink.body" components={{ hash: <code /> }} />
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
