/** Cancels a timer or a subscription. */
export type Unsubscribe = () => void

/**
 * Time, injected so policy code never reads the wall clock (STYLE §1.3): the engine owns its
 * timers through this, tests drive a ManualClock, the browser passes a real one.
 */
export interface Clock {
  /** Milliseconds on a monotonic scale. */
  now(): number
  setTimeout(callback: () => void, delayMs: number): Unsubscribe
  setInterval(callback: () => void, intervalMs: number): Unsubscribe
}

/** Randomness, injected so tie-breaks and optimistic unchokes are reproducible for a seed. */
export interface Random {
  /** A float in [0, 1). */
  next(): number
}

/** SHA-256 (or another digest) of a byte array; WebCrypto in browsers and Node. */
export type Hasher = (bytes: Uint8Array) => Promise<Uint8Array>

/** Where the pure packages log; `console` is not in their lib. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void
  warn(message: string, fields?: Record<string, unknown>): void
}

/** A logger that drops everything. */
export const SILENT_LOGGER: Logger = { debug: () => {}, warn: () => {} }

/** Picks a uniformly random element, or undefined for an empty array. */
export function pickRandom<T>(items: readonly T[], random: Random): T | undefined {
  return items[Math.floor(random.next() * items.length)]
}

/** Fisher–Yates shuffle into a new array. */
export function shuffled<T>(items: readonly T[], random: Random): T[] {
  const out = items.slice()
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1))
    const tmp = out[i] as T
    out[i] = out[j] as T
    out[j] = tmp
  }
  return out
}

/**
 * The secret-key primitives of the peer proof and the link key schedule (SPEC PL-2, PL-4),
 * injected like Hasher: WebCrypto in browsers and Node, `node:crypto` in lock-step tests. Every
 * hash is SHA-256.
 */
export interface SwarmCrypto {
  /** HKDF-SHA-256 (RFC 5869) with an empty salt: `length` bytes of `ikm` expanded under `info`. */
  hkdf(ikm: Uint8Array, info: Uint8Array, length: number): Promise<Uint8Array>
  /** HMAC-SHA-256 of `data` under `key`. */
  hmac(key: Uint8Array, data: Uint8Array): Promise<Uint8Array>
  /** PBKDF2-HMAC-SHA-256: `length` bytes from `password` and `salt`. */
  pbkdf2(
    password: Uint8Array,
    salt: Uint8Array,
    iterations: number,
    length: number,
  ): Promise<Uint8Array>
  /** `length` cryptographically random bytes (nonces, salts): never the injected Random. */
  randomBytes(length: number): Uint8Array
}
