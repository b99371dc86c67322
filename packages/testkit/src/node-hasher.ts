import { createHash } from 'node:crypto'

import type { Hasher } from '@swarmdrop/protocol'

/**
 * SHA-256 that resolves on the microtask queue. WebCrypto's digest resolves from a thread pool,
 * which a ManualClock test cannot flush deterministically; this gives the same bytes in lock-step.
 */
export const nodeHasher: Hasher = (bytes) =>
  Promise.resolve(new Uint8Array(createHash('sha256').update(bytes).digest()))

/** Hex SHA-256, to compare what a peer downloaded with what was seeded. */
export const sha256Hex = (bytes: Uint8Array): string =>
  createHash('sha256').update(bytes).digest('hex')
