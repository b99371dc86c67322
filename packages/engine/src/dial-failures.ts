import type { DialFailureCode } from './interfaces.ts'

/** Every DialFailureCode, in the order the swarm panel lists them. */
export const DIAL_FAILURE_CODES: readonly DialFailureCode[] = [
  'ERR_DIAL_TIMEOUT',
  'ERR_ICE_FAILED',
  'ERR_PEER_UNREACHABLE',
  'ERR_DIAL_CLOSED',
  'ERR_DIAL_OTHER',
]

/** Dial failures per cause, all zero. */
export const NO_DIAL_FAILURES: Readonly<Record<DialFailureCode, number>> = {
  ERR_DIAL_TIMEOUT: 0,
  ERR_ICE_FAILED: 0,
  ERR_PEER_UNREACHABLE: 0,
  ERR_DIAL_CLOSED: 0,
  ERR_DIAL_OTHER: 0,
}

/** The latest failed dial: why, and when (engine clock, ms). */
export interface DialFailure {
  readonly code: DialFailureCode
  readonly at: number
}

/** What a swarm's dials came to so far (SPEC EN-12). */
export interface DialAccount {
  /** Failed dials per cause, cumulative. */
  readonly dialFailures: Readonly<Record<DialFailureCode, number>>
  /** Distinct peers the tracker named to us so far. */
  readonly peersOffered: number
  readonly lastDialFailure: DialFailure | null
}

/** A swarm's account before its first announce. */
export const NO_DIALS: DialAccount = {
  dialFailures: NO_DIAL_FAILURES,
  peersOffered: 0,
  lastDialFailure: null,
}

const isDialFailureCode = (code: unknown): code is DialFailureCode =>
  typeof code === 'string' && (DIAL_FAILURE_CODES as readonly string[]).includes(code)

/**
 * The cause of a rejected dial: the error's `code` when it is a DialFailureCode (transports
 * reject with a DialError), else ERR_DIAL_OTHER, so every failure is counted somewhere.
 */
export function dialFailureCode(error: unknown): DialFailureCode {
  const code =
    typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined
  return isDialFailureCode(code) ? code : 'ERR_DIAL_OTHER'
}

/**
 * `account` with one more failed dial.
 * @param at engine clock, ms
 */
export function withDialFailure(account: DialAccount, error: unknown, at: number): DialAccount {
  const code = dialFailureCode(error)
  return {
    ...account,
    dialFailures: { ...account.dialFailures, [code]: account.dialFailures[code] + 1 },
    lastDialFailure: { code, at },
  }
}

/** `account` with the count of distinct peers offered so far. */
export const withPeersOffered = (account: DialAccount, peersOffered: number): DialAccount =>
  peersOffered === account.peersOffered ? account : { ...account, peersOffered }
