/**
 * The grammar of STUN and TURN URLs (RFC 7064, RFC 7065), checked by the tracker when it reads its
 * environment (SPEC IC-6) and by the client on what a tracker hands it (SPEC IC-8). A URL that
 * RTCPeerConnection would refuse must never get that far: there it throws, and takes every dial
 * with it.
 */

/** The four ICE URL schemes. */
export type IceUrlScheme = 'stun' | 'stuns' | 'turn' | 'turns'

/** A parsed ICE server URL. */
export interface IceUrl {
  readonly scheme: IceUrlScheme
  readonly host: string
  readonly port: number | null
  /** RFC 7065 `?transport=`; only TURN URLs carry one. */
  readonly transport: 'udp' | 'tcp' | null
}

// RFC 7064/7065: `scheme ":" host [":" port]`, TURN adding `["?transport=" ("udp" / "tcp")]`.
// No `//`, no user info, no path. A host is a DNS name, a dotted IPv4 address or [IPv6].
const ICE_URL =
  /^(stuns?|turns?):(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?(?:\?transport=(udp|tcp))?$/
const DNS_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/
const IPV6_GROUP = /^[0-9A-Fa-f]{1,4}$/

/**
 * Parses one ICE server URL.
 * @returns the parts, or a sentence saying what is wrong with it
 */
export function parseIceUrl(url: string): IceUrl | string {
  const match = ICE_URL.exec(url)
  if (match === null) {
    return 'is not a stun:, stuns:, turn: or turns: URL of the form scheme:host[:port][?transport=udp|tcp]'
  }
  const [, scheme, host = '', portText, transport] = match
  if (!isHost(host)) {
    return `has a malformed host "${host}"`
  }
  const port = portText === undefined ? null : Number(portText)
  if (port !== null && (port < 1 || port > 65_535)) {
    return `has a port outside 1–65535`
  }
  const kind = scheme as IceUrlScheme
  if (transport !== undefined && (kind === 'stun' || kind === 'stuns')) {
    return 'is a STUN URL: only TURN URLs take ?transport='
  }
  return { scheme: kind, host, port, transport: (transport as 'udp' | 'tcp' | undefined) ?? null }
}

/** True for a TURN URL (`turn:` or `turns:`), which needs a username and a credential. */
export const isTurnScheme = (scheme: IceUrlScheme): boolean =>
  scheme === 'turn' || scheme === 'turns'

function isHost(host: string): boolean {
  if (host.startsWith('[')) {
    return isIpv6(host.slice(1, -1))
  }
  if (host.length > 253) {
    return false
  }
  // A dotted quad must be a real IPv4 address; any other name must be DNS labels.
  if (/^[\d.]+$/.test(host)) {
    const parts = host.split('.')
    return (
      parts.length === 4 && parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255)
    )
  }
  return host.split('.').every((label) => DNS_LABEL.test(label))
}

function isIpv6(address: string): boolean {
  const halves = address.split('::')
  if (halves.length > 2) {
    return false
  }
  const groups = (part: string): string[] => (part === '' ? [] : part.split(':'))
  const all = halves.flatMap(groups)
  // An embedded IPv4 tail (::ffff:192.0.2.1) counts as two groups.
  const last = all.at(-1) ?? ''
  const v4Tail = last.includes('.')
  if (v4Tail && !isHost(last)) {
    return false
  }
  const hex = v4Tail ? all.slice(0, -1) : all
  if (!hex.every((group) => IPV6_GROUP.test(group))) {
    return false
  }
  const count = hex.length + (v4Tail ? 2 : 0)
  return halves.length === 2 ? count <= 7 : count === 8
}
