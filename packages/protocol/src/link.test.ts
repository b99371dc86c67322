import { describe, expect, it } from 'vitest'

import { ProtocolError } from './errors.ts'
import type { SwarmId } from './ids.ts'
import { parseShareLink, shareFragmentOf, swarmIdToBytes } from './link.ts'

const ID = `${'0f'.repeat(16)}${'e1'.repeat(16)}` as SwarmId

const codeAndMessage = (input: string): [string, string] => {
  try {
    parseShareLink(input)
  } catch (error) {
    if (error instanceof ProtocolError) {
      return [error.code, error.message]
    }
  }
  return ['none', '']
}

describe('share links (SPEC PL-1)', () => {
  it('[PL-1] round-trips a swarm id as #2.<43 base64url>, and #2p. when a password is needed', () => {
    const plain = shareFragmentOf({ swarmId: ID, passwordRequired: false })
    expect(plain).toMatch(/^#2\.[A-Za-z0-9_-]{43}$/)
    expect(parseShareLink(plain)).toEqual({ swarmId: ID, passwordRequired: false })
    const guarded = shareFragmentOf({ swarmId: ID, passwordRequired: true })
    expect(guarded.startsWith('#2p.')).toBe(true)
    expect(parseShareLink(guarded)).toEqual({ swarmId: ID, passwordRequired: true })
    expect(parseShareLink(` ${plain.slice(1)}\n`).swarmId).toBe(ID)
  })

  it('[PL-1] refuses an old SWD1 link with a message that says so', () => {
    const [code, message] = codeAndMessage(`#${ID}`)
    expect(code).toBe('ERR_BAD_LINK')
    expect(message).toMatch(/older version of Swarmdrop/)
    expect(message).toMatch(/new link/)
  })

  it('[PL-1] refuses malformed, truncated, non-canonical and other-version links', () => {
    const plain = shareFragmentOf({ swarmId: ID, passwordRequired: false })
    const last = plain.at(-1) ?? ''
    const sibling = last === 'A' ? 'B' : 'A'
    for (const input of [
      '',
      '#',
      '#2.',
      plain.slice(0, -1),
      `${plain}A`,
      `${plain.slice(0, -1)}${sibling === 'B' ? 'B' : 'A'}x`,
      `#3${plain.slice(2)}`,
      `#2q${plain.slice(2)}`,
      plain.replace('.', ':'),
      `${plain.slice(0, 10)}+${plain.slice(11)}`,
    ]) {
      expect(codeAndMessage(input)[0], input).toBe('ERR_BAD_LINK')
    }
  })

  it('[PL-1] refuses a key whose spare bits are set (one link per swarm id)', () => {
    const plain = shareFragmentOf({ swarmId: ID, passwordRequired: false })
    // 32 bytes are 256 bits: the 43rd character carries 4 bits and 2 spare ones, which must be 0.
    const last = plain.at(-1) ?? 'A'
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    const spare = alphabet[alphabet.indexOf(last) | 1] ?? 'B'
    expect(codeAndMessage(`${plain.slice(0, -1)}${spare}`)[0]).toBe('ERR_BAD_LINK')
  })

  it('[PL-2] gives the 32 bytes of a swarm id to the key schedule', () => {
    const bytes = swarmIdToBytes(ID)
    expect(bytes.length).toBe(32)
    expect(bytes[0]).toBe(0x0f)
    expect(bytes[31]).toBe(0xe1)
  })
})
