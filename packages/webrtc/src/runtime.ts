import type { Clock, Hasher, Random } from '@swarmdrop/protocol'

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
