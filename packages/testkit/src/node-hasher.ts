import { createHash, hash } from 'node:crypto'

import type { Hasher } from '@swarmdrop/protocol'

/**
 * SHA-256 that resolves on the microtask queue. WebCrypto's digest resolves from a thread pool,
 * which a ManualClock test cannot flush deterministically; this gives the same bytes in lock-step.
 */
export const nodeHasher: Hasher = (bytes) =>
  // One-shot `hash` (Node ≥ 20.12) skips the Hash object: the simulator hashes every piece of
  // every peer.
  Promise.resolve(new Uint8Array(hash('sha256', bytes, 'buffer')))

/** Hex SHA-256, to compare what a peer downloaded with what was seeded. */
export const sha256Hex = (bytes: Uint8Array): string =>
  createHash('sha256').update(bytes).digest('hex')
