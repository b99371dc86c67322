/**
 * Parsers for every payload a client sends the tracker (cf. bittorrent-tracker's
 * parse-websocket.js). They take `unknown`, never throw, and build a fresh value holding only the
 * known fields, so a client-written extra such as `from` never travels on (SPEC TR-5, TR-10).
 */
import { isPeerId, isSwarmId } from '@swarmdrop/protocol'

import type { AnnouncePayload, ClientToServerEvents, SignalPayload } from './events.ts'
import { MAX_SIGNAL_BYTES } from './events.ts'

/** Largest `numWant` accepted: far above any sane neighbour count, small enough to bound work. */
export const MAX_NUM_WANT = 200

/** The payload of a `leave`. */
export type LeavePayload = Parameters<ClientToServerEvents['leave']>[0]

/** A parser's answer: the validated value, or why the input was rejected. */
export type Parsed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string }

/** Validates an `announce` payload (SPEC TR-2). */
export function parseAnnounce(input: unknown): Parsed<AnnouncePayload> {
  if (!isRecord(input)) {
    return invalid('announce payload must be an object')
  }
  const { swarmId, seeding, numWant } = fields(input, 'swarmId', 'seeding', 'numWant')
  if (!isSwarmId(swarmId)) {
    return invalid('swarmId must be 64 lowercase hex digits')
  }
  if (typeof seeding !== 'boolean') {
    return invalid('seeding must be a boolean')
  }
  if (!Number.isInteger(numWant) || (numWant as number) < 0 || (numWant as number) > MAX_NUM_WANT) {
    return invalid(`numWant must be an integer from 0 to ${MAX_NUM_WANT}`)
  }
  return { ok: true, value: { swarmId, seeding, numWant: numWant as number } }
}

/** Validates a `signal` payload; `data` stays opaque but bounded in size (SPEC TR-5). */
export function parseSignal(input: unknown): Parsed<SignalPayload> {
  if (!isRecord(input)) {
    return invalid('signal payload must be an object')
  }
  const { swarmId, to, data } = fields(input, 'swarmId', 'to', 'data')
  if (!isSwarmId(swarmId)) {
    return invalid('swarmId must be 64 lowercase hex digits')
  }
  if (!isPeerId(to)) {
    return invalid('to must be a peer id')
  }
  const size = jsonLength(data)
  if (size === undefined) {
    return invalid('data must be a JSON value')
  }
  if (size > MAX_SIGNAL_BYTES) {
    return invalid(`data must be at most ${MAX_SIGNAL_BYTES} JSON characters`)
  }
  return { ok: true, value: { swarmId, to, data } }
}

/** Validates a `leave` payload (SPEC TR-9). */
export function parseLeave(input: unknown): Parsed<LeavePayload> {
  if (!isRecord(input)) {
    return invalid('leave payload must be an object')
  }
  const { swarmId } = fields(input, 'swarmId')
  if (!isSwarmId(swarmId)) {
    return invalid('swarmId must be 64 lowercase hex digits')
  }
  return { ok: true, value: { swarmId } }
}

const invalid = (message: string): { readonly ok: false; readonly message: string } => ({
  ok: false,
  message,
})

const isRecord = (x: unknown): x is Readonly<Record<string, unknown>> =>
  typeof x === 'object' && x !== null && !Array.isArray(x)

/** Reads own properties only, so nothing is picked up from a prototype. */
function fields<K extends string>(
  input: Readonly<Record<string, unknown>>,
  ...keys: K[]
): Record<K, unknown> {
  const out = {} as Record<K, unknown>
  for (const key of keys) {
    out[key] = Object.hasOwn(input, key) ? input[key] : undefined
  }
  return out
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
