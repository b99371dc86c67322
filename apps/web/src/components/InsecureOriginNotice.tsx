import { Trans, useTranslation } from 'react-i18next'

/** Props of InsecureOriginNotice. */
export interface InsecureOriginNoticeProps {
  /** The page's secure-context flag; the browser's own when omitted. */
  readonly secure?: boolean
  /** The page's origin, to name it; the browser's own when omitted. */
  readonly origin?: string
}

/**
 * Says at once that this page cannot work here (issue #12 point 3): browsers give hashing
 * (crypto.subtle) and the private file storage (OPFS) only to secure pages, HTTPS or localhost.
 * Without this the first drop or download would fail with an error about neither.
 */
export function InsecureOriginNotice({
  secure = globalThis.isSecureContext,
  origin = globalThis.location?.origin ?? '',
}: InsecureOriginNoticeProps) {
  const { t } = useTranslation()
  // Only a definite false: an environment that does not say is given the benefit of the doubt.
  if (secure !== false) {
    return null
  }
  return (
    <section className="card notice error" role="alert" data-testid="insecure-origin">
      <h2>{t('common.insecure.title')}</h2>
      <p>{origin === '' ? t('common.insecure.body') : t('common.insecure.bodyAt', { origin })}</p>
      <p>
        <Trans i18nKey="common.insecure.fix" components={{ cert: <code />, key: <code /> }} />
      </p>
    </section>
  )
}
