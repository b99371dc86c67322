import { concatBytes, constantTimeEqual, toHex, utf8Encode } from './bytes.ts'
import { ProtocolError } from './errors.ts'
import type { DiscoveryId, SwarmId } from './ids.ts'
import { swarmIdToBytes } from './link.ts'
import type { SwarmCrypto } from './runtime.ts'

/**
 * The link key schedule and the peer proof (SPEC PL-2…PL-6). Everything anyone but a link
 * holder sees is derived one-way from the swarm id, and every key that proves something mixes
 * in the swarm id's 256 bits, so nothing recorded on the way can be brute-forced offline.
 */

/** PBKDF2 iterations for a share password (SPEC PL-5): OWASP's 2023 figure for PBKDF2-HMAC-SHA-256. */
export const PASSWORD_ITERATIONS = 600_000
/** Bytes of a handshake nonce (SPEC PL-3). */
export const NONCE_BYTES = 32
/** Bytes of a proof: one HMAC-SHA-256. */
export const PROOF_BYTES = 32
const KEY_BYTES = 32
const PASSWORD_SALT_BYTES = 16

/** ASCII of an HKDF info or domain label (TextEncoder is not in this package's lib). */
const ascii = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0))

/** HKDF info strings, one per derived value, so no two derived values can ever coincide. */
const INFO = {
  discovery: ascii('swarmdrop/2 discovery'),
  linkProof: ascii('swarmdrop/2 link proof'),
  passwordSalt: ascii('swarmdrop/2 password salt'),
  passwordProof: ascii('swarmdrop/2 password proof'),
} as const
const TRANSCRIPT_LABEL = ascii('swarmdrop/2 proof transcript')

/** What a peer derives once per swarm (SPEC PL-2, PL-5). */
export interface SwarmKeys {
  /** The tracker's name for the swarm. */
  readonly discoveryId: DiscoveryId
  /** Keys the link proof: holding the link is enough. */
  readonly linkKey: Uint8Array
  /** Keys the password proof; null when this peer has no password for the swarm. */
  readonly passwordKey: Uint8Array | null
}

/** The discovery id of a swarm (SPEC PL-2): HKDF-SHA-256(swarm id, "swarmdrop/2 discovery") as hex. */
export async function discoveryIdOf(swarmId: SwarmId, crypto: SwarmCrypto): Promise<DiscoveryId> {
  return toHex(await crypto.hkdf(swarmIdToBytes(swarmId), INFO.discovery, KEY_BYTES)) as DiscoveryId
}

/** Whether `password` guards a swarm (SPEC PL-5): none and an empty one are no password. */
export function hasPassword(password: string | undefined): password is string {
  return password !== undefined && password !== ''
}

/**
 * Derives a swarm's keys (SPEC PL-2, PL-5). With a password: pwKey = PBKDF2-SHA-256(NFC UTF-8
 * password, HKDF(swarm id, "swarmdrop/2 password salt"), PASSWORD_ITERATIONS), and the password
 * key = HKDF(swarm id ‖ pwKey, "swarmdrop/2 password proof"). An empty password counts as none.
 */
export async function deriveSwarmKeys(
  swarmId: SwarmId,
  crypto: SwarmCrypto,
  password?: string,
): Promise<SwarmKeys> {
  const secret = swarmIdToBytes(swarmId)
  const [discoveryId, linkKey] = await Promise.all([
    discoveryIdOf(swarmId, crypto),
    crypto.hkdf(secret, INFO.linkProof, KEY_BYTES),
  ])
  if (!hasPassword(password)) {
    return { discoveryId, linkKey, passwordKey: null }
  }
  const encoded = utf8Encode(password.normalize('NFC'))
  if (encoded === null) {
    throw new ProtocolError('ERR_BAD_PASSWORD', 'the password is not valid Unicode')
  }
  const salt = await crypto.hkdf(secret, INFO.passwordSalt, PASSWORD_SALT_BYTES)
  const pwKey = await crypto.pbkdf2(encoded, salt, PASSWORD_ITERATIONS, KEY_BYTES)
  const mixed = new Uint8Array(secret.length + pwKey.length)
  mixed.set(secret)
  mixed.set(pwKey, secret.length)
  return {
    discoveryId,
    linkKey,
    passwordKey: await crypto.hkdf(mixed, INFO.passwordProof, KEY_BYTES),
  }
}

/** One side of a connection as the proof binds it (SPEC PL-3). */
export interface ProofParty {
  readonly nonce: Uint8Array
  readonly peerId: string
}

/**
 * A channel's DTLS certificate fingerprints as this end reads them from its own SDPs (SPEC PL-4):
 * `local` from its local description, `remote` from the remote one.
 */
export interface ChannelFingerprints {
  readonly local: string
  readonly remote: string
}

/** Which proof: holding the link, or the link and the password (SPEC PL-5). */
export type ProofKind = 'link' | 'password'

/** What a proof is computed over: who sends it to whom, and the fingerprints as the sender sees them. */
export interface ProofInput {
  readonly kind: ProofKind
  readonly sender: ProofParty
  readonly receiver: ProofParty
  /** The sender's view: `local` is the sender's own certificate. */
  readonly fingerprints: ChannelFingerprints
}

/**
 * The proof transcript (SPEC PL-4), length-prefixed so no two inputs share an encoding:
 * label ‖ u8 kind ‖ sender nonce ‖ receiver nonce ‖ u8+sender id ‖ u8+receiver id ‖
 * u16+sender's local fingerprint ‖ u16+sender's remote fingerprint. The sender comes first, so
 * a proof reflected back to its sender does not verify.
 */
export function proofTranscript(input: ProofInput): Uint8Array {
  const parts: Uint8Array[] = [TRANSCRIPT_LABEL, Uint8Array.of(input.kind === 'link' ? 1 : 2)]
  for (const nonce of [input.sender.nonce, input.receiver.nonce]) {
    if (nonce.length !== NONCE_BYTES) {
      throw new ProtocolError('ERR_BAD_HANDSHAKE', `nonce of ${nonce.length} bytes`)
    }
    parts.push(nonce)
  }
  for (const id of [input.sender.peerId, input.receiver.peerId]) {
    parts.push(lengthPrefixed(ascii(id), 1))
  }
  parts.push(lengthPrefixed(utf8Or(input.fingerprints.local), 2))
  parts.push(lengthPrefixed(utf8Or(input.fingerprints.remote), 2))
  return concatBytes(parts)
}

const utf8Or = (text: string): Uint8Array => utf8Encode(text) ?? ascii('?')

function lengthPrefixed(bytes: Uint8Array, prefixBytes: 1 | 2): Uint8Array {
  const max = prefixBytes === 1 ? 0xff : 0xffff
  if (bytes.length > max) {
    throw new ProtocolError('ERR_BAD_HANDSHAKE', `transcript field of ${bytes.length} bytes`)
  }
  const out = new Uint8Array(prefixBytes + bytes.length)
  if (prefixBytes === 2) {
    out[0] = bytes.length >> 8
  }
  out[prefixBytes - 1] = bytes.length & 0xff
  out.set(bytes, prefixBytes)
  return out
}

/** The proof a sender sends: HMAC-SHA-256(key, transcript) (SPEC PL-4). */
export function makeProof(
  key: Uint8Array,
  input: ProofInput,
  crypto: SwarmCrypto,
): Promise<Uint8Array> {
  return crypto.hmac(key, proofTranscript(input))
}

/**
 * Checks a received proof (SPEC PL-4). `input` is the receiver's reconstruction of the sender's
 * transcript: the fingerprints from the receiver's own SDPs, swapped (the sender's local is the
 * receiver's remote). A man in the middle terminating DTLS on both legs shows each end a
 * different certificate, so the two views differ and the proof fails.
 */
export async function checkProof(
  key: Uint8Array,
  input: ProofInput,
  proof: Uint8Array,
  crypto: SwarmCrypto,
): Promise<boolean> {
  const expected = await makeProof(key, input, crypto)
  return constantTimeEqual(expected, proof)
}
