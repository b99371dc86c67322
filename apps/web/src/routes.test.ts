import { describe, expect, it } from 'vitest'

import { routeOf } from './routes.ts'

const ID = '0123456789abcdef'.repeat(4)

describe('routeOf', () => {
  it('routes an empty fragment home', () => {
    expect(routeOf('')).toEqual({ kind: 'home' })
    expect(routeOf('#')).toEqual({ kind: 'home' })
  })

  it('[MD-2] routes a swarm id in the fragment to its download view', () => {
    expect(routeOf(`#${ID}`)).toEqual({ kind: 'download', swarmId: ID })
  })

  it('[MD-5] routes a malformed fragment to the bad-link page with a reason', () => {
    for (const hash of ['#abc', `#${ID}0`, `#${ID.slice(0, 63)}g`, '#%20']) {
      const route = routeOf(hash)
      expect(route.kind, hash).toBe('bad-link')
      expect(route.kind === 'bad-link' && route.reason.length > 0).toBe(true)
    }
  })
})
