import { describe, expect, it } from 'vitest'

import { ProtocolError } from './errors.ts'
import { parseShareFragment, swarmIdFromBytes, swarmIdToBytes } from './link.ts'

const ID = 'ab'.repeat(32)

describe('parseShareFragment', () => {
  it('[MD-2] accepts "#<64 hex>" and bare "<64 hex>", returning lowercase', () => {
    expect(parseShareFragment(`#${ID}`)).toBe(ID)
    expect(parseShareFragment(ID)).toBe(ID)
    expect(parseShareFragment(`#${ID.toUpperCase()}`)).toBe(ID)
    expect(parseShareFragment(` #${ID}\n`)).toBe(ID)
  })

  it.each([
    ['empty', ''],
    ['a bare #', '#'],
    ['63 digits', `#${ID.slice(1)}`],
    ['65 digits', `#${ID}a`],
    ['a non-hex digit', `#${ID.slice(1)}g`],
    ['two hashes', `##${ID}`],
    ['a whole URL', `https://example.org/#${ID}`],
  ])('[MD-5] rejects %s with ERR_BAD_LINK and a readable message', (_, input) => {
    let error: unknown
    try {
      parseShareFragment(input)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(ProtocolError)
    expect((error as ProtocolError).code).toBe('ERR_BAD_LINK')
    expect((error as ProtocolError).message).toMatch(/64 hexadecimal characters/)
  })
})

describe('swarm id bytes', () => {
  it('[WR-2] converts a swarm id to its 32 handshake bytes and back', () => {
    const id = parseShareFragment(`#${'0f'.repeat(16)}${'e1'.repeat(16)}`)
    const bytes = swarmIdToBytes(id)
    expect(bytes).toHaveLength(32)
    expect(bytes[0]).toBe(0x0f)
    expect(swarmIdFromBytes(bytes)).toBe(id)
    expect(() => swarmIdFromBytes(new Uint8Array(31))).toThrow(ProtocolError)
  })
})
