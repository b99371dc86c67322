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
  // Only a definite false: an environment that does not say is given the benefit of the doubt.
  if (secure !== false) {
    return null
  }
  return (
    <section className="card notice error" role="alert" data-testid="insecure-origin">
      <h2>Swarmdrop needs HTTPS</h2>
      <p>
        Browsers allow Swarmdrop only on a secure page: over HTTPS, or on localhost. This page was
        opened over plain HTTP{origin === '' ? '' : ` (${origin})`}, so sharing and downloading
        cannot work here.
      </p>
      <p>
        To fix it, serve Swarmdrop over HTTPS: start it with <code>TLS_CERT</code> and{' '}
        <code>TLS_KEY</code> set to a certificate and its key (PEM files), or put it behind an HTTPS
        reverse proxy such as Caddy or nginx. On the machine running it, http://localhost works as
        it is.
      </p>
    </section>
  )
}
