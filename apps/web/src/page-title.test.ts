import { describe, expect, it } from 'vitest'

import { pageTitle, shouldWarnOnUnload, viewKey } from './page-title.ts'
import { newPeerRow } from './store/apply-stats.ts'
import { INITIAL_SWARM_STATE, emptySwarm } from './store/swarm-store.ts'
import type { SwarmState, SwarmView } from './store/swarm-store.ts'
import { translateEn } from './store/ux-messages.en.ts'
import { SWARM_A, peerId } from './test-support/engine-events.ts'

const file = { name: 'report.pdf', size: 1000, mimeType: '', pieceCount: 100 }
const withSwarm = (swarm: Partial<SwarmView>, state: Partial<SwarmState> = {}): SwarmState => ({
  ...INITIAL_SWARM_STATE,
  ...state,
  swarms: { [SWARM_A]: { ...emptySwarm(SWARM_A, false), ...swarm } },
})
const download = { kind: 'download', swarmId: SWARM_A, passwordRequired: false } as const

describe('pageTitle', () => {
  it("[UX-8] shows a download's percentage, then its completion", () => {
    expect(pageTitle(withSwarm({ file, piecesVerified: 42 }), download, translateEn)).toBe(
      '42 % · report.pdf — Swarmdrop',
    )
    expect(pageTitle(withSwarm({ file, complete: true }), download, translateEn)).toBe(
      'Done · report.pdf — Swarmdrop',
    )
    expect(pageTitle(withSwarm({}), download, translateEn)).toBe('Joining… — Swarmdrop')
  })

  it('[UX-8] names the share shown, and is plain on an empty home page', () => {
    const sharing = withSwarm(
      { file, seeding: true, complete: true },
      { share: { hashing: null, error: null, viewing: SWARM_A, password: '' } },
    )
    expect(pageTitle(sharing, { kind: 'home' }, translateEn)).toBe('Sharing report.pdf — Swarmdrop')
    expect(pageTitle(INITIAL_SWARM_STATE, { kind: 'home' }, translateEn)).toBe('Swarmdrop')
  })
})

describe('shouldWarnOnUnload', () => {
  it('[UX-3] warns while a neighbour is connected or a download is unfinished, never otherwise', () => {
    const seeding = { file, seeding: true, complete: true }
    expect(shouldWarnOnUnload(INITIAL_SWARM_STATE)).toBe(false)
    expect(shouldWarnOnUnload(withSwarm(seeding))).toBe(false)
    expect(shouldWarnOnUnload(withSwarm({ ...seeding, peers: [newPeerRow(peerId('a'), 0)] }))).toBe(
      true,
    )
    expect(shouldWarnOnUnload(withSwarm({ file }))).toBe(true)
  })
})

describe('viewKey', () => {
  it('[UX-9] changes with the view, so focus moves to the new heading', () => {
    const seeding = withSwarm(
      { file, seeding: true },
      { share: { hashing: null, error: null, viewing: SWARM_A, password: '' } },
    )
    expect(viewKey(seeding, { kind: 'home' })).not.toBe(
      viewKey(INITIAL_SWARM_STATE, { kind: 'home' }),
    )
    expect(viewKey(seeding, download)).toBe(`download:${SWARM_A}`)
  })
})
