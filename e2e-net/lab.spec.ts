// The lab's own checks: each NAT kind behaves as its name says and coturn works from behind it.
// The app's cases rely on these; a broken lab would otherwise pass or fail them for the wrong
// reason.
import { expect, test } from './lab/fixtures.ts'
import { LAB_TURN_SECRET } from './lab/servers.ts'
import {
  mappedAddresses,
  startReflector,
  stunReflexiveAddress,
  turnRoundTrip,
} from './lab/probes.ts'

const LOCAL_PORT = 45_678

test.describe('the network lab', () => {
  test('a port-preserving router keeps the source port for every destination', async ({
    homes,
  }) => {
    const home = await homes.addBare('port-preserving')
    const reflector = await startReflector()
    try {
      const mapped = await mappedAddresses(home, LOCAL_PORT)
      expect(mapped).toEqual([
        `${home.wanAddress}:${LOCAL_PORT}`,
        `${home.wanAddress}:${LOCAL_PORT}`,
      ])
    } finally {
      await reflector.stop()
    }
  })

  test('a symmetric router gives each destination its own source port', async ({ homes }) => {
    const home = await homes.addBare('symmetric')
    const reflector = await startReflector()
    try {
      const [first, second] = await mappedAddresses(home, LOCAL_PORT)
      expect(first, 'first flow').toMatch(
        new RegExp(`^${home.wanAddress.replaceAll('.', '\\.')}:\\d+$`),
      )
      expect(second, 'second flow').toMatch(
        new RegExp(`^${home.wanAddress.replaceAll('.', '\\.')}:\\d+$`),
      )
      expect(second, 'the second flow got the first one’s port').not.toBe(first)
    } finally {
      await reflector.stop()
    }
  })

  test('a UDP-blocked router lets no UDP out, but TURN over TCP works', async ({ homes }) => {
    const home = await homes.addBare('udp-blocked')
    const reflector = await startReflector()
    try {
      expect(await mappedAddresses(home, LOCAL_PORT)).toEqual([null, null])
      expect(await stunReflexiveAddress(home), 'STUN over UDP').toBeNull()
    } finally {
      await reflector.stop()
    }
    const tcp = await turnRoundTrip(home, 'tcp', LAB_TURN_SECRET)
    expect(tcp.code, tcp.stdout + tcp.stderr).toBe(0)
    expect(tcp.stdout + tcp.stderr).toContain('Total lost packets 0 ')
  })

  test('coturn answers STUN through a NAT with the router’s public address', async ({ homes }) => {
    const home = await homes.addBare('port-preserving')
    expect(await stunReflexiveAddress(home)).toMatch(
      new RegExp(`^${home.wanAddress.replaceAll('.', '\\.')}:\\d+$`),
    )
  })

  test('[IC-3] coturn relays for a minted credential and refuses a wrong secret', async ({
    homes,
  }) => {
    const home = await homes.addBare('symmetric')
    // Over TCP: the UDP-blocked home's check above.
    const result = await turnRoundTrip(home, 'udp', LAB_TURN_SECRET)
    expect(result.code, result.stdout + result.stderr).toBe(0)
    expect(result.stdout + result.stderr).toContain('Total lost packets 0 ')
    const refused = await turnRoundTrip(home, 'udp', 'not-the-secret')
    expect(refused.code, 'a credential minted from another secret').not.toBe(0)
    expect(refused.stdout + refused.stderr).toContain('Cannot complete Allocation')
  })
})
