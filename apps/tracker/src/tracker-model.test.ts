/**
 * Model-based test (fast-check commands) of the tracker's membership and relay rules against a
 * real server: after every command the invariants of SPEC TR-3, TR-5, TR-9, TR-13 are checked.
 */
import type { DiscoveryId, PeerId } from '@swarmdrop/protocol'
import type { RelayedSignal } from '@swarmdrop/signaling'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'

import {
  type TestClient,
  type TestWorld,
  announce,
  metricValue,
  scrapeMetrics,
  signal,
  startWorld,
  swarm,
} from './test-support.ts'

const SWARMS = [swarm('1'), swarm('2'), swarm('3')] as const
const CAP = 3
const MAX_PEERS_PER_SWARM = 4
const MAX_CLIENTS = 7
const GENEROUS = { points: 1_000_000, seconds: 1 }
const OPTIONS = {
  maxPeersPerAnnounce: CAP,
  limits: {
    maxPeersPerSwarm: MAX_PEERS_PER_SWARM,
    announces: GENEROUS,
    joins: GENEROUS,
    signals: GENEROUS,
  },
}

interface Slot {
  readonly client: TestClient
  id: PeerId | null
  readonly swarms: Set<DiscoveryId>
}

/** What the tracker should hold: connected clients and their memberships. */
interface Model {
  slots: Slot[]
}

/** The real world plus what the checks saw. */
interface Real {
  world: TestWorld
  port: number
  /** Relayed signals whose `from` was not the sender written into `data` by the test. */
  misattributed: number
  relayedExpected: number
  relayedSeen: number
}

interface Tagged {
  readonly sender: PeerId
}

const members = (model: Model, swarmId: DiscoveryId): Slot[] =>
  model.slots.filter((slot) => slot.swarms.has(swarmId))

const pick = (model: Model, index: number): Slot | undefined =>
  model.slots.length === 0 ? undefined : model.slots[index % model.slots.length]

function watch(real: Real, client: TestClient): void {
  client.socket.on('signal', (relayed: RelayedSignal) => {
    real.relayedSeen += 1
    if ((relayed.data as Tagged).sender !== relayed.from) {
      real.misattributed += 1
    }
  })
}

/** Waits until the server has processed everything this socket sent before. */
const roundTrip = async (client: TestClient): Promise<void> => {
  await signal(client.socket, 'sync')
}

async function checkInvariants(model: Model, real: Real): Promise<void> {
  for (const slot of model.slots) {
    await roundTrip(slot.client)
  }
  // SPEC TR-9: no empty swarm lingers; every membership is accounted for.
  await expect
    .poll(async () => {
      const text = await scrapeMetrics(real.world.server)
      return [
        metricValue(text, 'swarmdrop_tracker_sockets'),
        metricValue(text, 'swarmdrop_tracker_swarms'),
        metricValue(text, 'swarmdrop_tracker_peers'),
      ]
    })
    .toEqual([
      model.slots.length,
      SWARMS.filter((s) => members(model, s).length > 0).length,
      model.slots.reduce((sum, slot) => sum + slot.swarms.size, 0),
    ])
  for (const swarmId of SWARMS) {
    const inSwarm = members(model, swarmId)
    const asker = inSwarm[0]
    if (asker === undefined) {
      continue
    }
    // A re-announce changes nothing and shows what the tracker holds (SPEC TR-3, TR-13).
    const ack = await announce(asker.client.socket, { swarmId, seeding: false, numWant: 200 })
    if (!ack.ok) {
      throw new Error(`re-announce refused: ${ack.code}`)
    }
    const ids = new Set(inSwarm.map((slot) => slot.id))
    expect(ack.seeders + ack.leechers).toBe(inSwarm.length)
    expect(inSwarm.length).toBeLessThanOrEqual(MAX_PEERS_PER_SWARM)
    expect(ack.peers).toHaveLength(Math.min(CAP, inSwarm.length - 1))
    expect(new Set(ack.peers).size).toBe(ack.peers.length)
    expect(ack.peers).not.toContain(asker.id)
    for (const peer of ack.peers) {
      expect(ids.has(peer)).toBe(true)
    }
  }
  expect(real.misattributed).toBe(0)
}

type Cmd = fc.AsyncCommand<Model, Real>

const command = (name: string, run: (model: Model, real: Real) => Promise<void>): Cmd => ({
  check: () => true,
  run: async (model, real) => {
    await run(model, real)
    await checkInvariants(model, real)
  },
  toString: () => name,
})

const connectCommand = command('connect', async (model, real) => {
  if (model.slots.length >= MAX_CLIENTS) {
    return
  }
  const client = await real.world.connect()
  watch(real, client)
  model.slots.push({ client, id: null, swarms: new Set() })
})
const connectCmd = fc.constant(connectCommand)

const joinCommand = (c: number, s: number, seeding: boolean, numWant: number): Cmd =>
  command(`join(${c},${s},${seeding},${numWant})`, async (model) => {
    const slot = pick(model, c)
    const swarmId = SWARMS[s] as DiscoveryId
    if (slot === undefined) {
      return
    }
    const inSwarm = members(model, swarmId)
    const ack = await announce(slot.client.socket, { swarmId, seeding, numWant })
    if (!slot.swarms.has(swarmId) && inSwarm.length >= MAX_PEERS_PER_SWARM) {
      expect(ack).toMatchObject({ ok: false, code: 'ERR_SWARM_FULL' })
      return
    }
    if (!ack.ok) {
      throw new Error(`announce refused: ${ack.code}`)
    }
    expect(slot.id ?? ack.peerId).toBe(ack.peerId)
    slot.id = ack.peerId
    slot.swarms.add(swarmId)
    const others = new Set(inSwarm.filter((o) => o !== slot).map((o) => o.id))
    expect(ack.peers.length).toBeLessThanOrEqual(Math.min(numWant, CAP))
    expect(ack.peers.every((peer) => others.has(peer))).toBe(true)
  })
const joinCmd = fc
  .record({ c: fc.nat(), s: fc.nat(2), seeding: fc.boolean(), numWant: fc.nat(6) })
  .map(({ c, s, seeding, numWant }) => joinCommand(c, s, seeding, numWant))

const leaveCmd = fc.record({ c: fc.nat(), s: fc.nat(2) }).map(({ c, s }) =>
  command(`leave(${c},${s})`, async (model) => {
    const slot = pick(model, c)
    if (slot !== undefined) {
      slot.client.socket.emit('leave', { swarmId: SWARMS[s] as DiscoveryId })
      slot.swarms.delete(SWARMS[s] as DiscoveryId)
      await roundTrip(slot.client)
    }
  }),
)

const forgedLeaveCmd = fc
  .record({ c: fc.nat(), victim: fc.nat(), s: fc.nat(2) })
  .map(({ c, victim, s }) =>
    command(`forged-leave(${c},${victim},${s})`, async (model) => {
      const slot = pick(model, c)
      const target = pick(model, victim)
      if (slot === undefined || target === undefined || target.id === null) {
        return
      }
      // A leave naming another peer leaves only the sender's own membership, if any.
      const forged = { swarmId: SWARMS[s], peerId: target.id, from: target.id }
      slot.client.socket.emit('leave', forged as never)
      slot.swarms.delete(SWARMS[s] as DiscoveryId)
      await roundTrip(slot.client)
    }),
  )

const disconnectCmd = fc.nat().map((c) =>
  command(`disconnect(${c})`, async (model) => {
    const slot = pick(model, c)
    if (slot !== undefined) {
      slot.client.close()
      model.slots = model.slots.filter((other) => other !== slot)
    }
  }),
)

const signalCmd = fc
  .record({ a: fc.nat(), b: fc.nat(), s: fc.nat(2), forge: fc.boolean() })
  .map(({ a, b, s, forge }) =>
    command(`${forge ? 'forged-' : ''}signal(${a}→${b},${s})`, async (model, real) => {
      const from = pick(model, a)
      const to = pick(model, b)
      const swarmId = SWARMS[s] as DiscoveryId
      if (from === undefined || to === undefined || from.id === null || to.id === null) {
        return
      }
      const third = model.slots.find((slot) => slot.id !== null && slot !== from)
      // A forger writes someone else's id wherever it can; the test tags the real sender.
      const claimed = forge ? (third?.id ?? to.id) : from.id
      const payload = {
        swarmId,
        to: to.id,
        data: { sender: from.id, claimed },
        ...(forge ? { from: claimed, peerId: claimed } : {}),
      }
      const ack = await signal(from.client.socket, payload)
      const allowed = from !== to && from.swarms.has(swarmId) && to.swarms.has(swarmId)
      if (!allowed) {
        expect(ack.ok).toBe(false)
        return
      }
      expect(ack).toEqual({ ok: true })
      real.relayedExpected += 1
      const relayed = await to.client.signals.next()
      expect(relayed.from).toBe(from.id)
    }),
  )

const restartCmd = fc.constant(
  command('restart', async (model, real) => {
    await real.world.close()
    real.world = await startWorld({ ...OPTIONS, port: real.port })
    model.slots = []
  }),
)

const PRELUDE: readonly Cmd[] = [
  connectCommand,
  connectCommand,
  connectCommand,
  connectCommand,
  joinCommand(0, 0, true, 3),
  joinCommand(1, 0, false, 3),
  joinCommand(2, 0, false, 3),
  joinCommand(3, 1, false, 3),
]

describe('tracker model', () => {
  let real: Real | undefined
  afterEach(async () => {
    await real?.world.close()
    real = undefined
  })

  it('[TR-3][TR-5][TR-9][TR-13] membership and relay invariants hold after every command', async () => {
    const commands = fc.commands(
      [
        connectCmd,
        connectCmd,
        joinCmd,
        joinCmd,
        leaveCmd,
        forgedLeaveCmd,
        disconnectCmd,
        signalCmd,
        signalCmd,
        restartCmd,
      ],
      { maxCommands: 25 },
    )
    let port = 0
    await fc.assert(
      fc.asyncProperty(commands, async (cmds) => {
        const world = await startWorld({ ...OPTIONS, port })
        port = world.server.port
        real = { world, port, misattributed: 0, relayedExpected: 0, relayedSeen: 0 }
        try {
          // Four clients in two swarms first, so the generated commands meet populated swarms.
          await fc.asyncModelRun(
            () => ({ model: { slots: [] }, real: real as Real }),
            [...PRELUDE, ...cmds],
          )
          // Every accepted signal arrived once, carrying the sender's real id; forged: 0 accepted.
          expect(real.relayedSeen).toBe(real.relayedExpected)
          expect(real.misattributed).toBe(0)
        } finally {
          await real.world.close()
          real = undefined
        }
      }),
      { numRuns: 40 },
    )
  })
})
