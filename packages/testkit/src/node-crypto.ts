import { createHmac, hkdfSync, pbkdf2Sync, randomBytes } from 'node:crypto'

import type { SwarmCrypto } from '@swarmdrop/protocol'

/**
 * The key schedule's primitives from `node:crypto`, resolving on the microtask queue as
 * nodeHasher does: WebCrypto resolves from a thread pool, which a ManualClock cannot flush.
 * Nonces are real random bytes, as in production (SPEC PL-3).
 */
export const nodeCrypto: SwarmCrypto = {
  hkdf: (ikm, info, length) =>
    Promise.resolve(new Uint8Array(hkdfSync('sha256', ikm, new Uint8Array(0), info, length))),
  hmac: (key, data) =>
    Promise.resolve(new Uint8Array(createHmac('sha256', key).update(data).digest())),
  pbkdf2: (password, salt, iterations, length) =>
    Promise.resolve(new Uint8Array(pbkdf2Sync(password, salt, iterations, length, 'sha256'))),
  randomBytes: (length) => new Uint8Array(randomBytes(length)),
}
