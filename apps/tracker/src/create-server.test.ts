import { isPeerId } from '@swarmdrop/protocol'
import { MAX_SIGNAL_BYTES } from '@swarmdrop/signaling'
import { describe, expect, it } from 'vitest'

import { announce, captureLogs, signal, swarm, worldPerTest } from './test-support.ts'

const X = swarm('a')
const Y = swarm('b')

const start = worldPerTest()

describe('tracker server', () => {
  it('[TR-1] assigns every socket its own well-formed, unguessable peer id', async () => {
    const { connect } = await start()
    const ids = await Promise.all(
      Array.from({ length: 5 }, async () => (await connect()).announce(X)),
    )
    expect(new Set(ids).size).toBe(5)
    for (const id of ids) {
      expect(isPeerId(id)).toBe(true)
      expect(id.length).toBeGreaterThanOrEqual(16)
    }
  })

  it('[TR-1] ignores a peer id the client tries to choose', async () => {
    const { connect } = await start()
    const client = await connect()
    const ack = await announce(client.socket, {
      swarmId: X,
      seeding: false,
      numWant: 5,
      peerId: 'ichoosemyself',
    })
    expect(ack).toMatchObject({ ok: true })
    expect(ack.ok && ack.peerId).not.toBe('ichoosemyself')
  })

  it('[TR-2] the ack carries the peer id, counts and the configured interval', async () => {
    const { connect } = await start({ announceIntervalMs: 12_345 })
    const seeder = await connect()
    const seederId = await seeder.announce(X, { seeding: true })
    const leecher = await connect()
    const ack = await announce(leecher.socket, { swarmId: X, seeding: false, numWant: 5 })
    expect(ack).toEqual({
      ok: true,
      peerId: expect.any(String),
      peers: [seederId],
      seeders: 1,
      leechers: 1,
      intervalMs: 12_345,
    })
  })

  it('[TR-3] the peer list excludes the requester and respects numWant and the cap', async () => {
    const { connect } = await start({ maxPeersPerAnnounce: 3 })
    const others = new Set<string>()
    for (let i = 0; i < 6; i++) {
      others.add(await (await connect()).announce(X))
    }
    const requester = await connect()
    const capped = await announce(requester.socket, { swarmId: X, seeding: false, numWant: 100 })
    const wanted = await announce(requester.socket, { swarmId: X, seeding: false, numWant: 2 })
    const none = await announce(requester.socket, { swarmId: X, seeding: false, numWant: 0 })
    if (!capped.ok || !wanted.ok || !none.ok) {
      throw new Error('announce rejected')
    }
    expect(capped.peers).toHaveLength(3)
    expect(wanted.peers).toHaveLength(2)
    expect(none.peers).toHaveLength(0)
    for (const peers of [capped.peers, wanted.peers]) {
      expect(new Set(peers).size).toBe(peers.length)
      expect(peers).not.toContain(capped.peerId)
      for (const id of peers) {
        expect(others.has(id)).toBe(true)
      }
    }
  })

  it('[TR-5] relays a signal with the server-recorded from, not a client-written one', async () => {
    const { connect } = await start()
    const alice = await connect()
    const bob = await connect()
    const aliceId = await alice.announce(X)
    const bobId = await bob.announce(X)
    const data = { type: 'offer', sdp: 'v=0\r\n', from: 'forged-inside' }
    const ack = await signal(alice.socket, { swarmId: X, to: bobId, data, from: 'forged' })
    expect(ack).toEqual({ ok: true })
    expect(await bob.signals.next()).toEqual({ swarmId: X, from: aliceId, data })
    expect(alice.signals.pending).toBe(0)
  })

  it('[TR-5] a test-only interceptSignal takes a valid signal instead of it being relayed, and its deliver relays any', async () => {
    const seen: unknown[] = []
    const { connect } = await start({
      interceptSignal: (routed, deliver) => {
        seen.push(routed)
        // As the man-in-the-middle test does: answer in the other peer's name.
        deliver({ ...routed, from: routed.to, to: routed.from, data: 'answered by the relay' })
      },
    })
    const alice = await connect()
    const bob = await connect()
    const aliceId = await alice.announce(X)
    const bobId = await bob.announce(X)
    expect(await signal(alice.socket, { swarmId: X, to: bobId, data: 'offer' })).toEqual({
      ok: true,
    })
    expect(await alice.signals.next()).toEqual({
      swarmId: X,
      from: bobId,
      data: 'answered by the relay',
    })
    expect(seen).toEqual([{ swarmId: X, from: aliceId, to: bobId, data: 'offer' }])
    expect(bob.signals.pending).toBe(0)
    // Validation still comes first: a refused signal never reaches the hook.
    expect(await signal(alice.socket, { swarmId: Y, to: bobId, data: 'x' })).toMatchObject({
      ok: false,
    })
    expect(seen).toHaveLength(1)
  })

  it('[TR-5] a non-member cannot signal into a swarm or reach a peer of another swarm', async () => {
    const { connect } = await start()
    const alice = await connect()
    const bob = await connect()
    const mallory = await connect()
    const aliceId = await alice.announce(X)
    const bobId = await bob.announce(X)
    await mallory.announce(Y)

    const intoX = await signal(mallory.socket, { swarmId: X, to: bobId, data: 'x' })
    expect(intoX).toMatchObject({ ok: false, code: 'ERR_NOT_MEMBER' })
    const viaY = await signal(mallory.socket, { swarmId: Y, to: bobId, data: 'y' })
    expect(viaY).toMatchObject({ ok: false, code: 'ERR_UNKNOWN_PEER' })
    const unknown = await signal(alice.socket, { swarmId: X, to: 'nobody', data: 'z' })
    expect(unknown).toMatchObject({ ok: false, code: 'ERR_UNKNOWN_PEER' })

    // Relays to one socket keep their order, so had either rejected signal been relayed, Bob
    // would see it before this one.
    expect(await signal(alice.socket, { swarmId: X, to: bobId, data: 'ok' })).toEqual({ ok: true })
    expect(await bob.signals.next()).toEqual({ swarmId: X, from: aliceId, data: 'ok' })
  })

  it('[TR-8] members are told the swarm size whenever it changes', async () => {
    const { connect } = await start()
    const alice = await connect()
    await alice.announce(X)
    expect(await alice.sizes.next()).toEqual({ swarmId: X, seeders: 0, leechers: 1 })

    const bob = await connect()
    await bob.announce(X, { seeding: true })
    expect(await alice.sizes.next()).toEqual({ swarmId: X, seeders: 1, leechers: 1 })
    expect(await bob.sizes.next()).toEqual({ swarmId: X, seeders: 1, leechers: 1 })

    // A plain re-announce changes nothing; the next push Alice sees is Bob's flip.
    await bob.announce(X, { seeding: true })
    await bob.announce(X, { seeding: false })
    expect(await alice.sizes.next()).toEqual({ swarmId: X, seeders: 0, leechers: 2 })

    bob.socket.emit('leave', { swarmId: X })
    expect(await alice.sizes.next()).toEqual({ swarmId: X, seeders: 0, leechers: 1 })
  })

  it('[TR-9] a disconnect leaves every swarm at once', async () => {
    const { connect } = await start()
    const alice = await connect()
    const bob = await connect()
    const aliceId = await alice.announce(X)
    await alice.announce(Y)
    await bob.announce(X)
    await bob.announce(Y)
    for (let i = 0; i < 4; i++) {
      await alice.sizes.next()
    }

    bob.close()
    const after = [await alice.sizes.next(), await alice.sizes.next()]
    expect(after).toEqual(
      expect.arrayContaining([
        { swarmId: X, seeders: 0, leechers: 1 },
        { swarmId: Y, seeders: 0, leechers: 1 },
      ]),
    )
    const carol = await connect()
    const ack = await announce(carol.socket, { swarmId: Y, seeding: false, numWant: 10 })
    expect(ack).toMatchObject({ ok: true, peers: [aliceId], leechers: 2 })
  })

  it('[TR-9] leave leaves one swarm only', async () => {
    const { connect } = await start()
    const alice = await connect()
    const bob = await connect()
    await alice.announce(X)
    const bobId = await bob.announce(X)
    await bob.announce(Y)
    bob.socket.emit('leave', { swarmId: X })

    const intoX = await signal(bob.socket, { swarmId: X, to: 'anyone', data: 1 })
    expect(intoX).toMatchObject({ ok: false, code: 'ERR_NOT_MEMBER' })
    const carol = await connect()
    const inY = await announce(carol.socket, { swarmId: Y, seeding: false, numWant: 10 })
    expect(inY).toMatchObject({ ok: true, peers: [bobId] })
    const inX = await announce(carol.socket, { swarmId: X, seeding: false, numWant: 10 })
    expect(inX).toMatchObject({ ok: true, leechers: 2 })
    expect(inX.ok && inX.peers).not.toContain(bobId)
  })

  it('[TR-10] invalid payloads get error acks and the socket keeps being served', async () => {
    const { connect } = await start()
    const alice = await connect()
    const bob = await connect()
    const bobId = await bob.announce(X)
    const badAnnounces: unknown[] = [
      'garbage',
      null,
      [X],
      { swarmId: X.toUpperCase(), seeding: false, numWant: 1 },
      { swarmId: X, seeding: 'yes', numWant: 1 },
      { swarmId: X, seeding: false, numWant: 1_000_000 },
    ]
    for (const payload of badAnnounces) {
      expect(await announce(alice.socket, payload)).toMatchObject({
        ok: false,
        code: 'ERR_INVALID_PAYLOAD',
        message: expect.any(String),
      })
    }
    await alice.announce(X)
    const badSignals: unknown[] = [
      42,
      { swarmId: X, to: 'bad id!', data: 1 },
      { swarmId: X, to: bobId },
      { swarmId: X, to: bobId, data: 'x'.repeat(MAX_SIGNAL_BYTES) },
    ]
    for (const payload of badSignals) {
      expect(await signal(alice.socket, payload)).toMatchObject({
        ok: false,
        code: 'ERR_INVALID_PAYLOAD',
      })
    }
    // No ack, a non-function ack, unknown events, a bad leave: nothing to answer, nothing thrown.
    alice.socket.emit(
      'announce',
      { swarmId: X, seeding: false, numWant: 1 } as never,
      'no' as never,
    )
    alice.socket.emit('leave', 'garbage' as never)
    ;(alice.socket as unknown as { emit(event: string, ...args: unknown[]): void }).emit(
      'no-such-event',
      { x: 1 },
    )
    expect(await signal(alice.socket, { swarmId: X, to: bobId, data: 'still here' })).toEqual({
      ok: true,
    })
    expect((await bob.signals.next()).data).toBe('still here')
  })

  it('[TR-10] an undecodable or oversized packet drops only that connection', async () => {
    const { logger, lines } = captureLogs()
    const { connect } = await start({ logger })
    const bystander = await connect()
    await bystander.announce(X)
    for (const rawPacket of ['2[not json', `42["announce","${'x'.repeat(100 * 1024)}"]`]) {
      const attacker = await connect()
      await attacker.announce(X)
      const dropped = new Promise<void>((resolve) =>
        attacker.socket.once('disconnect', () => resolve()),
      )
      // Bypass the Socket.IO encoder and write straight to the Engine.IO transport.
      ;(attacker.socket.io.engine as unknown as { write(data: string): void }).write(rawPacket)
      await dropped
      const ack = await announce(bystander.socket, { swarmId: X, seeding: false, numWant: 10 })
      expect(ack).toMatchObject({ ok: true, peers: [], leechers: 1 })
    }
    // The undecodable packet reached the socket's 'error' listener rather than going unhandled.
    expect(
      lines.some(
        (line) =>
          line['msg'] === 'socket error' && /invalid payload/.test(JSON.stringify(line['err'])),
      ),
    ).toBe(true)
  })

  it('closes with clients still connected, and the port is free again', async () => {
    const { server, connect } = await start()
    const client = await connect()
    await client.announce(X)
    const dropped = new Promise<void>((resolve) =>
      client.socket.once('disconnect', () => resolve()),
    )
    await server.close()
    await dropped
    await server.close()
    const again = await start({ port: server.port })
    expect(again.server.port).toBe(server.port)
  })
})
