/**
 * The tracker's ICE settings: read from the environment once at startup (SPEC IC-2, IC-6), and
 * turned into each connection's ICE configuration with freshly minted TURN credentials (SPEC
 * IC-1, IC-3, IC-4). Pure: the clock and the HMAC are passed in, so tests pin both.
 */
import type { PeerId } from '@swarmdrop/protocol'
import {
  type IceConfigPayload,
  type IceServerPayload,
  type IceUrlScheme,
  parseIceUrl,
} from '@swarmdrop/signaling'

/**
 * SPEC IC-2: used when STUN_URLS is unset. Two operators, so one outage leaves the other; both
 * are long-standing public STUN services that need no account.
 */
export const DEFAULT_STUN_URLS: readonly string[] = [
  'stun:stun.l.google.com:19302',
  'stun:stun.cloudflare.com:3478',
]

/** A day: coturn's own examples use it, and a page renews well before (SPEC IC-5). */
export const DEFAULT_TURN_TTL_S = 86_400
/** Below a minute a page would renew almost constantly; above a week a leaked one lives long. */
export const MIN_TURN_TTL_S = 60
export const MAX_TURN_TTL_S = 7 * 86_400

/** How the tracker's pages authenticate to TURN. */
export type TurnAuth =
  /** SPEC IC-3: coturn's `static-auth-secret`; the first secret mints, all are accepted (IC-4). */
  | {
      readonly kind: 'secret'
      readonly secrets: readonly [string, ...string[]]
      readonly ttlS: number
    }
  /** A TURN service's fixed account, handed to pages as it is. */
  | { readonly kind: 'static'; readonly username: string; readonly credential: string }

/** Everything the tracker knows about ICE servers. */
export interface IceSettings {
  readonly stunUrls: readonly string[]
  /** Null when no TURN server is configured. */
  readonly turn: { readonly urls: readonly string[]; readonly auth: TurnAuth } | null
}

/** No STUN, no TURN: host candidates only (the hermetic default of createTrackerServer). */
export const NO_ICE_SERVERS: IceSettings = { stunUrls: [], turn: null }

/** A setting that must stop the tracker from starting; the message names the variable. */
export class IceSettingsError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'IceSettingsError'
  }
}

/** HMAC-SHA1 of `message` under `key`, base64: what coturn checks (node:crypto in the shell). */
export type HmacSha1Base64 = (key: string, message: string) => string

type Env = Readonly<Record<string, string | undefined>>

/**
 * Reads STUN_URLS, TURN_URLS, TURN_SECRET, TURN_TTL_S, TURN_USERNAME and TURN_CREDENTIAL.
 * @throws IceSettingsError with a one-line message on any bad or contradictory value (SPEC IC-6)
 */
export function iceSettingsFromEnv(env: Env): IceSettings {
  const stunRaw = env['STUN_URLS']
  const stunUrls =
    stunRaw === undefined ? DEFAULT_STUN_URLS : urlList('STUN_URLS', stunRaw, ['stun', 'stuns'])
  const turnUrls = urlList('TURN_URLS', env['TURN_URLS'] ?? '', ['turn', 'turns'])
  const secrets = list(env['TURN_SECRET'] ?? '')
  const username = nonEmpty(env['TURN_USERNAME'])
  const credential = nonEmpty(env['TURN_CREDENTIAL'])
  const ttlRaw = nonEmpty(env['TURN_TTL_S'])

  if ((username === undefined) !== (credential === undefined)) {
    throw new IceSettingsError('TURN_USERNAME and TURN_CREDENTIAL must be set together')
  }
  const hasStatic = username !== undefined
  if (secrets.length > 0 && hasStatic) {
    throw new IceSettingsError(
      'set either TURN_SECRET (minted credentials) or TURN_USERNAME + TURN_CREDENTIAL, not both',
    )
  }
  if (ttlRaw !== undefined && secrets.length === 0) {
    throw new IceSettingsError('TURN_TTL_S applies only to credentials minted from TURN_SECRET')
  }
  if (turnUrls.length === 0) {
    if (secrets.length > 0 || hasStatic) {
      throw new IceSettingsError('TURN credentials are set but TURN_URLS is empty')
    }
    return { stunUrls, turn: null }
  }
  const [first, ...rest] = secrets
  if (first !== undefined) {
    const ttlS = ttlRaw === undefined ? DEFAULT_TURN_TTL_S : Number(ttlRaw)
    if (!Number.isInteger(ttlS) || ttlS < MIN_TURN_TTL_S || ttlS > MAX_TURN_TTL_S) {
      throw new IceSettingsError(
        `TURN_TTL_S must be an integer from ${MIN_TURN_TTL_S} to ${MAX_TURN_TTL_S} seconds, got "${ttlRaw}"`,
      )
    }
    return {
      stunUrls,
      turn: { urls: turnUrls, auth: { kind: 'secret', secrets: [first, ...rest], ttlS } },
    }
  }
  if (username !== undefined && credential !== undefined) {
    return { stunUrls, turn: { urls: turnUrls, auth: { kind: 'static', username, credential } } }
  }
  throw new IceSettingsError(
    'TURN_URLS is set but no credentials: set TURN_SECRET (coturn static-auth-secret) or TURN_USERNAME + TURN_CREDENTIAL',
  )
}

/**
 * SPEC IC-3: TURN REST API credentials for one peer, valid `ttlS` from `nowMs`.
 * @returns username `<expiry unix s>:<peer id>`, password base64 HMAC-SHA1(secret, username)
 */
export function mintTurnCredentials(
  secret: string,
  peerId: PeerId,
  nowMs: number,
  ttlS: number,
  hmac: HmacSha1Base64,
): { readonly username: string; readonly credential: string; readonly expiresAt: number } {
  const expiryS = Math.floor(nowMs / 1_000) + ttlS
  const username = `${expiryS}:${peerId}`
  return { username, credential: hmac(secret, username), expiresAt: expiryS * 1_000 }
}

/**
 * One connection's ICE configuration (SPEC IC-1): STUN servers as configured, and TURN servers
 * with credentials for this peer. The secret itself never leaves the tracker (SPEC IC-7).
 */
export function iceConfigFor(
  settings: IceSettings,
  peerId: PeerId,
  nowMs: number,
  hmac: HmacSha1Base64,
): IceConfigPayload {
  const iceServers: IceServerPayload[] = []
  if (settings.stunUrls.length > 0) {
    iceServers.push({ urls: settings.stunUrls })
  }
  const { turn } = settings
  if (turn === null) {
    return { iceServers, relayAvailable: false, expiresAt: null }
  }
  if (turn.auth.kind === 'static') {
    const { username, credential } = turn.auth
    iceServers.push({ urls: turn.urls, username, credential })
    return { iceServers, relayAvailable: true, expiresAt: null }
  }
  // SPEC IC-4: mint with the first secret; coturn accepts each of them during a rotation.
  const minted = mintTurnCredentials(turn.auth.secrets[0], peerId, nowMs, turn.auth.ttlS, hmac)
  iceServers.push({ urls: turn.urls, username: minted.username, credential: minted.credential })
  return { iceServers, relayAvailable: true, expiresAt: minted.expiresAt }
}

/** Comma-separated, trimmed, empty entries dropped (a trailing comma is harmless). */
function list(raw: string): string[] {
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
}

/** Blank counts as unset; a value is kept as written (a credential may hold spaces). */
function nonEmpty(raw: string | undefined): string | undefined {
  return raw === undefined || raw.trim() === '' ? undefined : raw
}

function urlList(name: string, raw: string, schemes: readonly IceUrlScheme[]): string[] {
  const urls = list(raw)
  for (const url of urls) {
    const parsed = parseIceUrl(url)
    if (typeof parsed === 'string') {
      throw new IceSettingsError(`${name}: "${url}" ${parsed}`)
    }
    if (!schemes.includes(parsed.scheme)) {
      throw new IceSettingsError(
        `${name}: "${url}" is a ${parsed.scheme}: URL; ${name} takes only ${schemes.map((s) => `${s}:`).join(' or ')} URLs`,
      )
    }
  }
  return urls
}
