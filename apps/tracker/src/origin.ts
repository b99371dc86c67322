/**
 * SPEC TR-14: which web pages may open a tracker connection. Browsers always send `Origin` and a
 * page cannot forge it, so checking it stops other sites from using their visitors' browsers
 * against this tracker. A request without `Origin` is not a browser page (a CLI, a test, the
 * bench) and is let through: such a client could write any Origin anyway.
 */
import type { IncomingMessage } from 'node:http'

/** `'*'` for any origin, or the extra origins allowed besides the tracker's own. */
export type AllowedOrigins = '*' | readonly string[]

/** Whether the handshake request comes from an allowed page. */
export function isOriginAllowed(req: IncomingMessage, allowed: AllowedOrigins): boolean {
  const origin = req.headers.origin
  if (origin === undefined || allowed === '*') {
    return true
  }
  if (allowed.includes(origin)) {
    return true
  }
  try {
    // Same origin: the page was served by this host (directly or through a proxy that keeps Host).
    return new URL(origin).host === req.headers.host
  } catch {
    return false
  }
}

/** Parses ALLOWED_ORIGINS: `*`, or a comma-separated list of origins such as `https://a.example`. */
export function parseAllowedOrigins(raw: string): AllowedOrigins {
  const trimmed = raw.trim()
  if (trimmed === '*') {
    return '*'
  }
  return trimmed
    .split(',')
    .map((origin) => origin.trim().replace(/\/+$/, ''))
    .filter((origin) => origin !== '')
}
