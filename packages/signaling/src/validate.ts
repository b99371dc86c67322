/**
 * Schemas for every payload a client sends the tracker (cf. bittorrent-tracker's
 * parse-websocket.js), written with zod. The parsers take `unknown`, never throw, and build a fresh
 * value holding only the known fields, so a client-written extra such as `from` never travels on
 * (SPEC TR-5, TR-10, TR-12).
 */
import { type DiscoveryId, type PeerId, isDiscoveryId, isPeerId } from '@swarmdrop/protocol'
import { z } from 'zod'

import type {
  AnnouncePayload,
  ClientToServerEvents,
  IceConfigPayload,
  IceServerPayload,
  SignalPayload,
} from './events.ts'
import {
  MAX_ICE_SERVERS,
  MAX_ICE_STRING_LENGTH,
  MAX_ICE_URLS_PER_SERVER,
  MAX_SIGNAL_BYTES,
} from './events.ts'
import { isTurnScheme, parseIceUrl } from './ice-url.ts'

/** Largest `numWant` accepted: far above any sane neighbour count, small enough to bound work. */
export const MAX_NUM_WANT = 200

/** The payload of a `leave`. */
export type LeavePayload = Parameters<ClientToServerEvents['leave']>[0]

/** A parser's answer: the validated value, or why the input was rejected. */
export type Parsed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string }

const swarmIdSchema = z.custom<DiscoveryId>(isDiscoveryId, 'must be 64 lowercase hex digits')
const peerIdSchema = z.custom<PeerId>(isPeerId, 'must be a peer id')

/** SPEC TR-5: `data` is opaque but must have a JSON form no longer than MAX_SIGNAL_BYTES. */
const signalDataSchema = z.unknown().superRefine((data, context) => {
  const size = jsonLength(data)
  if (size === undefined) {
    context.addIssue({ code: 'custom', message: 'must be a JSON value' })
  } else if (size > MAX_SIGNAL_BYTES) {
    context.addIssue({
      code: 'custom',
      message: `must be at most ${MAX_SIGNAL_BYTES} JSON characters`,
    })
  }
})

/** `announce` (SPEC TR-2); unknown keys are stripped. */
export const announceSchema = z.object({
  swarmId: swarmIdSchema,
  seeding: z.boolean('must be a boolean'),
  numWant: z
    .number(`must be an integer from 0 to ${MAX_NUM_WANT}`)
    .int(`must be an integer from 0 to ${MAX_NUM_WANT}`)
    .min(0, `must be an integer from 0 to ${MAX_NUM_WANT}`)
    .max(MAX_NUM_WANT, `must be an integer from 0 to ${MAX_NUM_WANT}`),
})

/** `signal` (SPEC TR-5). */
export const signalSchema = z.object({
  swarmId: swarmIdSchema,
  to: peerIdSchema,
  data: signalDataSchema,
})

/** `leave` (SPEC TR-9). */
export const leaveSchema = z.object({ swarmId: swarmIdSchema })

const iceStringSchema = z.string('must be a string').max(MAX_ICE_STRING_LENGTH, 'is too long')

const iceUrlSchema = iceStringSchema.superRefine((url, context) => {
  const parsed = parseIceUrl(url)
  if (typeof parsed === 'string') {
    context.addIssue({ code: 'custom', message: parsed })
  }
})

/** One ICE server; a TURN URL needs both credentials, or RTCPeerConnection throws. */
const iceServerSchema = z
  .object({
    urls: z.array(iceUrlSchema).min(1, 'must list a URL').max(MAX_ICE_URLS_PER_SERVER, 'too many'),
    username: iceStringSchema.optional(),
    credential: iceStringSchema.optional(),
  })
  .superRefine((server, context) => {
    const needsCredentials = server.urls.some((url) => {
      const parsed = parseIceUrl(url)
      return typeof parsed !== 'string' && isTurnScheme(parsed.scheme)
    })
    if (needsCredentials && (server.username === undefined || server.credential === undefined)) {
      context.addIssue({ code: 'custom', message: 'TURN URLs need a username and a credential' })
    }
  })

/** The tracker's ICE configuration, as a client checks it (SPEC IC-8). */
export const iceConfigSchema = z.object({
  iceServers: z.array(iceServerSchema).max(MAX_ICE_SERVERS, 'too many'),
  relayAvailable: z.boolean('must be a boolean'),
  expiresAt: z.union([z.null(), z.number().int().positive()], 'must be null or unix ms'),
})

/** Validates an `announce` payload (SPEC TR-2). */
export function parseAnnounce(input: unknown): Parsed<AnnouncePayload> {
  return parseWith(announceSchema, 'announce', input)
}

/** Validates a `signal` payload; `data` stays opaque but bounded in size (SPEC TR-5). */
export function parseSignal(input: unknown): Parsed<SignalPayload> {
  return parseWith(signalSchema, 'signal', input)
}

/** Validates a `leave` payload (SPEC TR-9). */
export function parseLeave(input: unknown): Parsed<LeavePayload> {
  return parseWith(leaveSchema, 'leave', input)
}

/**
 * Validates an ICE configuration from the tracker (SPEC IC-8): a hostile or broken tracker's
 * config is refused whole rather than handed to RTCPeerConnection, which throws on a bad URL.
 */
export function parseIceConfig(input: unknown): Parsed<IceConfigPayload> {
  const parsed = parseWith(iceConfigSchema, 'ice-config', input)
  if (!parsed.ok) {
    return parsed
  }
  // Rebuilt field by field: no `username: undefined` where the type says absent.
  const iceServers = parsed.value.iceServers.map(
    ({ urls, username, credential }): IceServerPayload => ({
      urls,
      ...(username === undefined ? {} : { username }),
      ...(credential === undefined ? {} : { credential }),
    }),
  )
  return { ok: true, value: { ...parsed.value, iceServers } }
}

function parseWith<T>(schema: z.ZodType<T>, event: string, input: unknown): Parsed<T> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, message: `${event} payload must be an object` }
  }
  // Own enumerable fields only, so nothing is picked up from a prototype.
  const result = schema.safeParse(Object.fromEntries(Object.entries(input)))
  if (result.success) {
    return { ok: true, value: result.data }
  }
  const issue = result.error.issues[0]
  const where = issue === undefined || issue.path.length === 0 ? event : issue.path.join('.')
  return { ok: false, message: `${where} ${issue?.message ?? 'is invalid'}` }
}

/** The JSON length of a value, or undefined when it has none (undefined, cycles, BigInt, …). */
function jsonLength(value: unknown): number | undefined {
  try {
    const json: unknown = JSON.stringify(value)
    return typeof json === 'string' ? json.length : undefined
  } catch {
    return undefined
  }
}
