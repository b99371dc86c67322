import { SeededRandom } from '@swarmdrop/testkit'
import { describe, expect, it } from 'vitest'

import { ProtocolError } from '../errors.ts'
import { pieceIndex } from '../ids.ts'
import { MAX_FRAME_BYTES, encode } from './codec.ts'
import { FrameDecoder } from './frame-decoder.ts'
import type { WireMessage } from './messages.ts'

/** Byte fields as hex: deep-equality over large Uint8Arrays is slow in the test runner. */
function comparable(message: WireMessage): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(message).map(([key, value]) => [
      key,
      value instanceof Uint8Array ? Buffer.from(value).toString('hex') : value,
    ]),
  )
}

const MESSAGES: WireMessage[] = [
  { type: 'handshake', nonce: new Uint8Array(32).fill(9), peerId: 'p1', hasMetadata: true },
  { type: 'bitfield', bytes: Uint8Array.of(0xf0) },
  { type: 'keep-alive' },
  { type: 'interested' },
  { type: 'request', index: pieceIndex(2), begin: 0, length: 4 },
  {
    type: 'piece',
    index: pieceIndex(2),
    begin: 0,
    block: Uint8Array.from({ length: 3000 }, (_, i) => i),
  },
  { type: 'have', index: pieceIndex(5) },
  { type: 'keep-alive' },
]

const EXPECTED = MESSAGES.map(comparable)
const STREAM = Uint8Array.from(MESSAGES.flatMap((m) => [...encode(m)]))

describe('FrameDecoder', () => {
  it('[WR-1] decodes one frame per chunk', () => {
    const decoder = new FrameDecoder()
    expect(MESSAGES.flatMap((m) => decoder.push(encode(m))).map(comparable)).toEqual(EXPECTED)
  })

  it('[WR-1] decodes a whole stream pushed at once', () => {
    expect(new FrameDecoder().push(STREAM).map(comparable)).toEqual(EXPECTED)
  })

  it('[WR-1] decodes a stream pushed one byte at a time', () => {
    const decoder = new FrameDecoder()
    const out: WireMessage[] = []
    for (let i = 0; i < STREAM.length; i++) {
      out.push(...decoder.push(STREAM.subarray(i, i + 1)))
    }
    expect(out.map(comparable)).toEqual(EXPECTED)
  })

  it('[WR-1] decodes the stream across arbitrary seeded chunk splits', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const random = new SeededRandom(seed)
      const decoder = new FrameDecoder()
      const out: WireMessage[] = []
      for (let at = 0; at < STREAM.length;) {
        const size = random.int(100)
        out.push(...decoder.push(STREAM.slice(at, at + size)))
        at += size
      }
      expect(out.map(comparable), `seed ${seed}`).toEqual(EXPECTED)
    }
  })

  it('does not keep a view of a chunk the caller may reuse', () => {
    const decoder = new FrameDecoder()
    const frame = encode({ type: 'have', index: pieceIndex(0x01020304) })
    const chunk = frame.slice(0, 6)
    expect(decoder.push(chunk)).toEqual([])
    chunk.fill(0xff)
    expect(decoder.push(frame.slice(6))).toEqual([{ type: 'have', index: 0x01020304 }])
  })

  it('[WR-4] rejects an oversize length prefix before the body arrives', () => {
    const decoder = new FrameDecoder()
    const length = MAX_FRAME_BYTES + 1
    const prefix = Uint8Array.of(
      length >>> 24,
      (length >>> 16) & 0xff,
      (length >>> 8) & 0xff,
      length & 0xff,
    )
    expect(() => decoder.push(prefix)).toThrow(
      expect.objectContaining({ code: 'ERR_FRAME_TOO_LARGE' }),
    )
  })

  it('[WR-4] stays failed after a bad frame', () => {
    const decoder = new FrameDecoder()
    expect(() => decoder.push(Uint8Array.of(0, 0, 0, 1, 99))).toThrow(ProtocolError)
    expect(() => decoder.push(encode({ type: 'choke' }))).toThrow(
      expect.objectContaining({ code: 'ERR_UNKNOWN_MESSAGE' }),
    )
  })
})
