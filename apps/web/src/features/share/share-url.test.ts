import { shareFragmentOf } from '@swarmdrop/protocol'
import { describe, expect, it } from 'vitest'

import { SWARM_A } from '../../test-support/engine-events.ts'

import { shareUrl } from './share-url.ts'

const PLAIN = { swarmId: SWARM_A, passwordRequired: false }
const FRAGMENT = shareFragmentOf(PLAIN)

describe('shareUrl', () => {
  it('[MD-2] [PL-1] puts the link key in the fragment and keeps the engine query for downloaders', () => {
    const location = { origin: 'http://127.0.0.1:8080', pathname: '/', search: '?rechoke=1000' }
    expect(shareUrl(location, PLAIN)).toBe(`http://127.0.0.1:8080/?rechoke=1000${FRAGMENT}`)
    expect(shareUrl({ ...location, search: '' }, PLAIN)).toBe(`http://127.0.0.1:8080/${FRAGMENT}`)
    expect(shareUrl(location, { ...PLAIN, passwordRequired: true })).toMatch(/#2p\./)
    expect(shareUrl(location, PLAIN)).not.toContain(SWARM_A)
  })

  it("leaves this tab's own settings (upload cap, batching) out of the link", () => {
    const location = {
      origin: 'http://127.0.0.1:8080',
      pathname: '/',
      search: '?up=65536&rechoke=1000&batch=0',
    }
    expect(shareUrl(location, PLAIN)).toBe(`http://127.0.0.1:8080/?rechoke=1000${FRAGMENT}`)
    expect(shareUrl({ ...location, search: '?up=1' }, PLAIN)).toBe(
      `http://127.0.0.1:8080/${FRAGMENT}`,
    )
  })
})
