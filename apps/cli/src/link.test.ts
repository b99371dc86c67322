import type { SwarmId } from '@swarmdrop/protocol'
import { ProtocolError, shareFragmentOf } from '@swarmdrop/protocol'
import { describe, expect, it } from 'vitest'

import { buildShareLink, parseLinkArgument } from './link.ts'

const ID = 'ab'.repeat(32) as SwarmId
const FRAGMENT = shareFragmentOf({ swarmId: ID, passwordRequired: false })

describe('links on the command line', () => {
  it('[CL-3] takes the tracker from the link origin and the swarm id from its fragment', () => {
    expect(parseLinkArgument(`https://drop.example:8443/${FRAGMENT}`)).toEqual({
      swarmId: ID,
      passwordRequired: false,
      trackerUrl: 'https://drop.example:8443',
    })
    expect(parseLinkArgument(`  http://localhost:8080/?rechoke=1000${FRAGMENT}\n`).trackerUrl).toBe(
      'http://localhost:8080',
    )
  })

  it('[CL-3] builds the link a browser opens, and reads it back', () => {
    const link = buildShareLink('http://127.0.0.1:8102', { swarmId: ID, passwordRequired: true })
    expect(link).toBe(`http://127.0.0.1:8102/${FRAGMENT.replace('#2.', '#2p.')}`)
    expect(parseLinkArgument(link)).toEqual({
      swarmId: ID,
      passwordRequired: true,
      trackerUrl: 'http://127.0.0.1:8102',
    })
  })

  it('[CL-2][MD-5] refuses a malformed link with ERR_BAD_LINK', () => {
    for (const bad of [
      'not a link',
      `ftp://host/${FRAGMENT}`,
      `http://host/#${ID}`,
      'http://host/#abc',
      'http://host/',
      `http://host/${FRAGMENT}00`,
    ]) {
      expect(() => parseLinkArgument(bad), bad).toThrow(ProtocolError)
      try {
        parseLinkArgument(bad)
      } catch (error) {
        expect((error as ProtocolError).code).toBe('ERR_BAD_LINK')
      }
    }
  })
})
