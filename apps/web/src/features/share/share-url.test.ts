import { describe, expect, it } from 'vitest'

import { SWARM_A } from '../../test-support/engine-events.ts'

import { shareUrl } from './share-url.ts'

describe('shareUrl', () => {
  it('[MD-2] puts the swarm id in the fragment and keeps the engine query for downloaders', () => {
    const location = { origin: 'http://127.0.0.1:8080', pathname: '/', search: '?rechoke=1000' }
    expect(shareUrl(location, SWARM_A)).toBe(`http://127.0.0.1:8080/?rechoke=1000#${SWARM_A}`)
    expect(shareUrl({ ...location, search: '' }, SWARM_A)).toBe(`http://127.0.0.1:8080/#${SWARM_A}`)
  })

  it("leaves this tab's own settings (upload cap, batching) out of the link", () => {
    const location = {
      origin: 'http://127.0.0.1:8080',
      pathname: '/',
      search: '?up=65536&rechoke=1000&batch=0',
    }
    expect(shareUrl(location, SWARM_A)).toBe(`http://127.0.0.1:8080/?rechoke=1000#${SWARM_A}`)
    expect(shareUrl({ ...location, search: '?up=1' }, SWARM_A)).toBe(
      `http://127.0.0.1:8080/#${SWARM_A}`,
    )
  })
})
