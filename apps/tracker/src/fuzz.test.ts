/**
 * Property/fuzz test (fast-check): thousands of malformed events — wrong types, missing fields,
 * huge strings, binary garbage, unknown events, undecodable packets — never crash the tracker,
 * never stop it serving a well-behaved client, and each refusal is counted in /metrics (TR-10).
 */
import type { SignalAck } from '@swarmdrop/signaling'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import {
  type ClientSocket,
  metricValue,
  scrapeMetrics,
  signal,
  swarm,
  worldPerTest,
} from './test-support.ts'

const X = swarm('f')
const GENEROUS = { points: 1_000_000, seconds: 1 }
const RESERVED = new Set(['connect', 'connect_error', 'disconnect', 'disconnecting'])

const swarmIdLike = fc.oneof(
  fc.constant(X),
  fc.string(),
  fc.stringMatching(/^[0-9a-fA-F]{60,70}$/),
  fc.integer(),
)
const payload = fc.oneof(
  fc.anything(),
  fc.uint8Array({ maxLength: 2_048 }),
  fc.string({ minLength: 10_000, maxLength: 20_000 }),
  fc.record(
    {
      swarmId: swarmIdLike,
      seeding: fc.oneof(fc.boolean(), fc.string(), fc.integer()),
      numWant: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null)),
      to: fc.oneof(fc.string(), fc.string({ minLength: 65, maxLength: 200 }), fc.integer()),
      data: fc.oneof(fc.anything(), fc.string({ minLength: 16_000, maxLength: 20_000 })),
      from: fc.string(),
    },
    { requiredKeys: [] },
  ),
)
const eventName = fc.oneof(
  fc.constantFrom('announce', 'signal', 'leave'),
  fc.string({ minLength: 1, maxLength: 30 }).filter((name) => !RESERVED.has(name)),
)

const start = worldPerTest()

/** Emits anything under any name; resolves with the ack, or undefined for a leave (none). */
const emitRaw = (socket: ClientSocket, event: string, value: unknown): Promise<unknown> => {
  const raw = socket as unknown as {
    emit(e: string, ...args: unknown[]): void
    timeout(ms: number): { emit(e: string, ...args: unknown[]): void }
  }
  if (event === 'leave') {
    raw.emit(event, value)
    return Promise.resolve(undefined)
  }
  return new Promise((resolve, reject) => {
    raw.timeout(5_000).emit(event, value, (error: unknown, ack: unknown) => {
      if (error) {
        reject(new Error(`no answer to ${event}`))
      } else {
        resolve(ack)
      }
    })
  })
}

describe('tracker fuzz', () => {
  it('[TR-10] malformed events are refused, counted and never stop the tracker', async () => {
    const world = await start({
      limits: { announces: GENEROUS, joins: GENEROUS, signals: GENEROUS },
    })
    const { server, connect } = world
    const alice = await connect()
    const bob = await connect()
    await alice.announce(X)
    const bobId = await bob.announce(X)
    const fuzzer = await connect()
    let refused = 0
    let events = 0

    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(eventName, payload), { minLength: 1, maxLength: 20 }),
        async (batch) => {
          for (const [event, value] of batch) {
            events += 1
            const ack = (await emitRaw(fuzzer.socket, event, value)) as SignalAck | undefined
            // Every refusal answers with an error code; a leave never answers at all.
            if (event !== 'leave' && ack?.ok !== true) {
              expect(ack).toMatchObject({ ok: false, code: expect.any(String) })
            }
            if (ack?.ok === false) {
              refused += 1
            }
          }
          // The well-behaved pair is served throughout.
          expect(await signal(alice.socket, { swarmId: X, to: bobId, data: events })).toEqual({
            ok: true,
          })
          expect((await bob.signals.next()).data).toBe(events)
        },
      ),
      { numRuns: 200 },
    )
    expect(events).toBeGreaterThan(1_000)
    // Leaves are refused silently but counted all the same.
    const text = await scrapeMetrics(server)
    const counted = text
      .split('\n')
      .filter((line) => line.startsWith('swarmdrop_tracker_rejected_events_total{'))
      .filter((line) => !line.includes('event="leave"'))
      .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0)
    expect(counted).toBe(refused)
    expect(
      metricValue(text, 'swarmdrop_tracker_rejected_events_total', {
        event: 'signal',
        reason: 'invalid-payload',
      }),
    ).toBeGreaterThan(0)
  })

  it('[TR-10] undecodable and oversized packets drop only their own connection', async () => {
    const { connect } = await start()
    const alice = await connect()
    const bob = await connect()
    await alice.announce(X)
    const bobId = await bob.announce(X)
    const garbage = fc.oneof(
      fc.string({ maxLength: 200 }).map((s) => `4${s}`),
      fc.string({ maxLength: 200 }).map((s) => `42${s}`),
      fc.constant(`42["signal","${'x'.repeat(70 * 1024)}"]`),
      fc.constant('451-["announce",{"_placeholder":true,"num":0}]'),
    )
    await fc.assert(
      fc.asyncProperty(garbage, async (raw) => {
        const attacker = await connect()
        ;(attacker.socket.io.engine as unknown as { write(data: string): void }).write(raw)
        // Whatever happened to the attacker, the pair keeps talking.
        expect(await signal(alice.socket, { swarmId: X, to: bobId, data: raw.length })).toEqual({
          ok: true,
        })
        expect((await bob.signals.next()).data).toBe(raw.length)
        attacker.close()
      }),
      { numRuns: 60 },
    )
  })
})
