import { createHash } from 'node:crypto'

import type { PeerId } from '@swarmdrop/protocol'

/** A client's identity secret: 32 random bytes, unpadded base64url (SPEC TR-1). */
const IDENTITY = /^[A-Za-z0-9_-]{43}$/
/** Peer ids are 16 bytes (22 base64url characters), whether random or derived. */
export const PEER_ID_BYTES = 16
/** Keeps these hashes apart from any other use of SHA-256 on the same secret. */
const DOMAIN = 'swarmdrop peer id\0'

/**
 * SPEC TR-1: the peer id of the identity secret a client presents in its Socket.IO handshake
 * (`auth.identity`), or null when it presents none or a malformed one (a random id then).
 * The id is a hash of the secret: everyone in a swarm sees ids, only the secret's holder can
 * claim one, so a client that reconnects (a dropped network, a tracker restart) keeps its id.
 */
export function peerIdOfIdentity(auth: unknown): PeerId | null {
  const identity =
    typeof auth === 'object' && auth !== null ? (auth as { identity?: unknown }).identity : null
  if (typeof identity !== 'string' || !IDENTITY.test(identity)) {
    return null
  }
  const digest = createHash('sha256').update(DOMAIN).update(identity).digest()
  return digest.subarray(0, PEER_ID_BYTES).toString('base64url') as PeerId
}
