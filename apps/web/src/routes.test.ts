import type { SwarmId } from '@swarmdrop/protocol'
import { shareFragmentOf } from '@swarmdrop/protocol'
import { describe, expect, it } from 'vitest'

import { routeOf } from './routes.ts'

const ID = '0123456789abcdef'.repeat(4) as SwarmId
const LINK = shareFragmentOf({ swarmId: ID, passwordRequired: false })

describe('routeOf', () => {
  it('routes an empty fragment home', () => {
    expect(routeOf('')).toEqual({ kind: 'home' })
    expect(routeOf('#')).toEqual({ kind: 'home' })
  })

  it('[MD-2] [PL-1] routes a share link in the fragment to its download view', () => {
    expect(routeOf(LINK)).toEqual({ kind: 'download', swarmId: ID, passwordRequired: false })
    expect(routeOf(shareFragmentOf({ swarmId: ID, passwordRequired: true }))).toEqual({
      kind: 'download',
      swarmId: ID,
      passwordRequired: true,
    })
  })

  it('[PL-1] routes an old SWD1 link to the bad-link page, saying it is from an older version', () => {
    const route = routeOf(`#${ID}`)
    expect(route.kind).toBe('bad-link')
    expect(route.kind === 'bad-link' && route.reason).toMatch(/older version/)
  })

  it('[MD-5] routes a malformed fragment to the bad-link page with a reason', () => {
    for (const hash of ['#abc', `${LINK}0`, `${LINK.slice(0, -1)}*`, '#%20']) {
      const route = routeOf(hash)
      expect(route.kind, hash).toBe('bad-link')
      expect(route.kind === 'bad-link' && route.reason.length > 0).toBe(true)
    }
  })
})
