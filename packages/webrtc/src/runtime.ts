import type { Clock, Hasher, Random, SwarmCrypto } from '@swarmdrop/protocol'

/** The real clock: `performance.now()` (monotonic) and the host's timers. */
export const systemClock: Clock = {
  now: () => performance.now(),
  setTimeout: (callback, delayMs) => {
    const handle = setTimeout(callback, delayMs)
    return () => clearTimeout(handle)
  },
  setInterval: (callback, intervalMs) => {
    const handle = setInterval(callback, intervalMs)
    return () => clearInterval(handle)
  },
}

/** `Math.random`, for production; tests inject a seeded Random instead. */
export const mathRandom: Random = { next: () => Math.random() }

/** SHA-256 through WebCrypto (`globalThis.crypto.subtle`), present in browsers and Node 20. */
export const webCryptoHasher: Hasher = async (bytes) =>
  // Engine bytes never live in a SharedArrayBuffer, which WebCrypto would refuse.
  new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>))

/** A copy WebCrypto accepts (engine bytes never live in a SharedArrayBuffer). */
const buffer = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => bytes as Uint8Array<ArrayBuffer>

/**
 * The key schedule's primitives through WebCrypto (SPEC PL-2…PL-5), present in browsers (secure
 * contexts: https or localhost) and Node 20; the same object serves a tab, the CLI and tests.
 */
export const webCryptoSwarmCrypto: SwarmCrypto = {
  async hkdf(ikm, info, length) {
    const subtle = globalThis.crypto.subtle
    const key = await subtle.importKey('raw', buffer(ikm), 'HKDF', false, ['deriveBits'])
    const bits = await subtle.deriveBits(
      { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: buffer(info) },
      key,
      length * 8,
    )
    return new Uint8Array(bits)
  },
  async hmac(key, data) {
    const subtle = globalThis.crypto.subtle
    const hmacKey = await subtle.importKey(
      'raw',
      buffer(key),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    )
    return new Uint8Array(await subtle.sign('HMAC', hmacKey, buffer(data)))
  },
  async pbkdf2(password, salt, iterations, length) {
    const subtle = globalThis.crypto.subtle
    const key = await subtle.importKey('raw', buffer(password), 'PBKDF2', false, ['deriveBits'])
    const bits = await subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt: buffer(salt), iterations },
      key,
      length * 8,
    )
    return new Uint8Array(bits)
  },
  randomBytes: (length) => globalThis.crypto.getRandomValues(new Uint8Array(length)),
}
