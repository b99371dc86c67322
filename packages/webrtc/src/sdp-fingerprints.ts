import type { ChannelFingerprints } from '@swarmdrop/protocol'

const FINGERPRINT_LINE = /^a=fingerprint:(\S+)\s+([0-9A-Fa-f:]+)\s*$/gm

/**
 * The DTLS certificate fingerprints an SDP announces (RFC 8122 `a=fingerprint`), normalised:
 * lowercase, "algorithm hex", de-duplicated and sorted, joined by ','. Both ends read the same
 * SDP text (one as local, one as remote description), so they derive the same string (SPEC PL-4).
 * Returns '' when there is none.
 */
export function fingerprintsOfSdp(sdp: string | undefined): string {
  if (sdp === undefined) {
    return ''
  }
  const found = new Set<string>()
  for (const match of sdp.matchAll(FINGERPRINT_LINE)) {
    found.add(`${(match[1] ?? '').toLowerCase()} ${(match[2] ?? '').toLowerCase()}`)
  }
  return [...found].sort().join(',')
}

/**
 * A peer connection's fingerprints as this end sees them (SPEC PL-4): `local` from its local
 * description, `remote` from the remote one; null until both are set or when either has none.
 */
export function fingerprintsOf(pc: {
  readonly localDescription: { readonly sdp: string } | null
  readonly remoteDescription: { readonly sdp: string } | null
}): ChannelFingerprints | null {
  const local = fingerprintsOfSdp(pc.localDescription?.sdp)
  const remote = fingerprintsOfSdp(pc.remoteDescription?.sdp)
  return local === '' || remote === '' ? null : { local, remote }
}
