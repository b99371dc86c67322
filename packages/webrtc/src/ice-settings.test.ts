import type { IceConfigPayload } from '@swarmdrop/signaling'
import { describe, expect, it } from 'vitest'

import { iceSettingsOf } from './ice-settings.ts'

const WITH_TURN: IceConfigPayload = {
  iceServers: [
    { urls: ['stun:stun.example:3478'] },
    { urls: ['turn:turn.example:3478', 'turns:turn.example:443'], username: 'u', credential: 'p' },
  ],
  relayAvailable: true,
  expiresAt: 1_000,
}

describe('iceSettingsOf', () => {
  it('[NET-2] hands the tracker servers on, all candidates unless relay-only is chosen', () => {
    expect(iceSettingsOf(WITH_TURN, false)).toEqual({
      iceServers: [
        { urls: ['stun:stun.example:3478'] },
        {
          urls: ['turn:turn.example:3478', 'turns:turn.example:443'],
          username: 'u',
          credential: 'p',
        },
      ],
      iceTransportPolicy: 'all',
    })
    expect(iceSettingsOf(WITH_TURN, true).iceTransportPolicy).toBe('relay')
  })

  it('[NET-2] relay-only has no effect where the tracker offers no relay', () => {
    const stunOnly = {
      ...WITH_TURN,
      iceServers: [{ urls: ['stun:s.example'] }],
      relayAvailable: false,
    }
    expect(iceSettingsOf(stunOnly, true).iceTransportPolicy).toBe('all')
    expect(iceSettingsOf(null, true)).toEqual({ iceServers: [], iceTransportPolicy: 'all' })
  })
})
