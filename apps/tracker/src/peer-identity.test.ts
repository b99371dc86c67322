import { describe, expect, it } from 'vitest'

import { peerIdOfIdentity } from './peer-identity.ts'
import { announce, signal, swarm, worldPerTest } from './test-support.ts'

const X = swarm('d')
const SECRET = 'A'.repeat(43)
const OTHER = 'B'.repeat(43)
const newWorld = worldPerTest()

describe('peerIdOfIdentity (SPEC TR-1)', () => {
  it('derives one id per secret, shaped like a random one', () => {
    const id = peerIdOfIdentity({ identity: SECRET })
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/)
    expect(peerIdOfIdentity({ identity: SECRET })).toBe(id)
    expect(peerIdOfIdentity({ identity: OTHER })).not.toBe(id)
  })

  it('takes nothing but a 32-byte base64url secret', () => {
    for (const auth of [
      undefined,
      null,
      'A'.repeat(43),
      {},
      { identity: 42 },
      { identity: 'A'.repeat(42) },
      { identity: 'A'.repeat(44) },
      { identity: `${'A'.repeat(42)}=` },
      { identity: `${'A'.repeat(42)}/` },
    ]) {
      expect(peerIdOfIdentity(auth), JSON.stringify(auth)).toBeNull()
    }
  })
})

describe('a client that presents its identity (SPEC TR-1)', () => {
  it('[TR-1] keeps its peer id across connections; others and anonymous clients do not share it', async () => {
    const world = await newWorld()
    const first = await world.connect({ auth: { identity: SECRET } })
    const id = await first.announce(X)
    first.close()
    const again = await world.connect({ auth: { identity: SECRET } })
    expect(await again.announce(X)).toBe(id)
    const other = await world.connect({ auth: { identity: OTHER } })
    const anonymous = [await world.connect(), await world.connect()]
    const ids = [
      await other.announce(X),
      ...(await Promise.all(anonymous.map((c) => c.announce(X)))),
    ]
    expect(new Set([id, ...ids]).size).toBe(4)
  })

  it('[TR-1][TR-9] replaces its still-open earlier connection, which takes nothing with it', async () => {
    const world = await newWorld()
    const stale = await world.connect({ auth: { identity: SECRET } })
    const id = await stale.announce(X)
    const closed = new Promise<string>((resolve) => stale.socket.once('disconnect', resolve))
    const fresh = await world.connect({ auth: { identity: SECRET } })
    // The tracker drops the old connection for the new one.
    expect(await closed).toBe('io server disconnect')
    expect(await fresh.announce(X)).toBe(id)
    // The old connection's departure did not take the peer out of the swarm.
    await new Promise((resolve) => setTimeout(resolve, 100))
    const watcher = await world.connect()
    expect(
      await announce(watcher.socket, { swarmId: X, seeding: false, numWant: 30 }),
    ).toMatchObject({ ok: true, peers: [id] })
    // And signals to it reach the new connection.
    expect(await signal(watcher.socket, { swarmId: X, to: id, data: 'offer' })).toEqual({
      ok: true,
    })
    expect(await fresh.signals.next()).toMatchObject({ from: expect.any(String), data: 'offer' })
  })
})
