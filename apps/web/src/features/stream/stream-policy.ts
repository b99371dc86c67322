/**
 * How the viewer's pieces are picked (SPEC ST-8), chosen by `?stream=` for `npm run bench:stream`
 * only: 'deadline' (the default: deadlines on top of rarest first), 'sequential' (lowest index
 * first, WebTorrent's default) or 'rarest-first' (no deadlines at all).
 */
export type StreamPolicy = 'deadline' | 'sequential' | 'rarest-first'

/** The policy a query string asks for; anything else is the default. */
export function streamPolicyFromQuery(search: string): StreamPolicy {
  const value = new URLSearchParams(search).get('stream')
  return value === 'sequential' || value === 'rarest-first' ? value : 'deadline'
}
