import { SeededRandom } from '@swarmdrop/testkit'
import { describe, expect, it } from 'vitest'

import { ProtocolError } from '../errors.ts'
import { pieceIndex } from '../ids.ts'
import { MAX_BLOCK_BYTES, MAX_FRAME_BYTES, decode, encode, encodePieceParts } from './codec.ts'
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

const NONCE = Uint8Array.from({ length: 32 }, (_, i) => i * 7)

/** One message of every type. */
const EVERY_MESSAGE: WireMessage[] = [
  { type: 'keep-alive' },
  { type: 'handshake', nonce: NONCE, peerId: 'peer_A-1', hasMetadata: true },
  { type: 'handshake', nonce: NONCE, peerId: 'x', hasMetadata: false },
  { type: 'proof', link: new Uint8Array(32).fill(1), password: null },
  { type: 'proof', link: new Uint8Array(32).fill(2), password: new Uint8Array(32).fill(3) },
  { type: 'choke' },
  { type: 'unchoke' },
  { type: 'interested' },
  { type: 'not-interested' },
  { type: 'have', index: pieceIndex(0xffff_ffff) },
  { type: 'bitfield', bytes: Uint8Array.of(0b1010_0000, 0xff) },
  { type: 'bitfield', bytes: new Uint8Array(0) },
  { type: 'request', index: pieceIndex(3), begin: 65_536, length: 65_536 },
  { type: 'urgent-request', index: pieceIndex(4), begin: 0, length: 16_384 },
  { type: 'piece', index: pieceIndex(7), begin: 131_072, block: Uint8Array.of(1, 2, 3) },
  { type: 'piece', index: pieceIndex(1), begin: 0, block: new Uint8Array(MAX_BLOCK_BYTES) },
  { type: 'cancel', index: pieceIndex(3), begin: 0, length: 1 },
  { type: 'metadata-request', chunk: 2 },
  { type: 'metadata-data', chunk: 1, totalSize: 70_000, data: Uint8Array.of(5, 6, 7) },
  { type: 'metadata-reject', chunk: 9 },
]

/** A frame with the given id and payload and a correct length prefix. */
function frameOf(id: number, payload: number[]): Uint8Array {
  const length = payload.length + 1
  return Uint8Array.of(
    length >>> 24,
    (length >>> 16) & 0xff,
    (length >>> 8) & 0xff,
    length & 0xff,
    id,
    ...payload,
  )
}

function codeOf(attempt: () => unknown): string {
  try {
    attempt()
  } catch (error) {
    if (error instanceof ProtocolError) {
      return error.code
    }
    throw error
  }
  throw new Error('expected a ProtocolError')
}

describe('wire codec', () => {
  it.each(EVERY_MESSAGE.map((m) => [m.type, m] as const))('[WR-1] round-trips %s', (_, message) => {
    expect(comparable(decode(encode(message)))).toEqual(comparable(message))
  })

  it('[WR-1] frames as <u32 length><u8 id><payload>, big-endian', () => {
    expect([...encode({ type: 'have', index: pieceIndex(0x01020304) })]).toEqual([
      0, 0, 0, 5, 4, 1, 2, 3, 4,
    ])
    expect([...encode({ type: 'keep-alive' })]).toEqual([0, 0, 0, 0])
    expect([...encode({ type: 'interested' })]).toEqual([0, 0, 0, 1, 2])
  })

  it('[WR-1] a piece as parts is its frame, head and block back to back, the block not copied', () => {
    for (const message of EVERY_MESSAGE) {
      if (message.type !== 'piece') {
        continue
      }
      const [head, block] = encodePieceParts(message)
      expect(head.length).toBe(13)
      expect(block).toBe(message.block)
      expect([...head, ...block]).toEqual([...encode(message)])
    }
    const empty = { type: 'piece', index: pieceIndex(0), begin: 0, block: new Uint8Array(0) }
    expect(() => encodePieceParts(empty as WireMessage & { type: 'piece' })).toThrow(ProtocolError)
  })

  it('[WR-2] encodes the handshake as SWD3, flags, nonce, peer id', () => {
    const frame = encode({ type: 'handshake', nonce: NONCE, peerId: 'ab', hasMetadata: true })
    expect([...frame.subarray(4, 10)]).toEqual([20, 0x53, 0x57, 0x44, 0x33, 1])
    expect(frame.subarray(10, 42)).toEqual(NONCE)
    expect([...frame.subarray(42)]).toEqual([2, 0x61, 0x62])
  })

  it('[WR-2] rejects a handshake with the wrong magic', () => {
    const frame = encode({ type: 'handshake', nonce: NONCE, peerId: 'ab', hasMetadata: true })
    frame[8] = 0x31 // "SWD1": an older Swarmdrop
    expect(codeOf(() => decode(frame))).toBe('ERR_BAD_HANDSHAKE')
    frame[8] = 0x32 // "SWD2": no urgent requests (ST-11)
    expect(codeOf(() => decode(frame))).toBe('ERR_BAD_HANDSHAKE')
  })

  it("[ST-11] frames an urgent request as id 25 with a request's payload and limits", () => {
    const urgent = encode({ type: 'urgent-request', index: pieceIndex(1), begin: 2, length: 3 })
    const plain = encode({ type: 'request', index: pieceIndex(1), begin: 2, length: 3 })
    expect(urgent[4]).toBe(25)
    expect([...urgent.subarray(5)]).toEqual([...plain.subarray(5)])
    expect(codeOf(() => decode(frameOf(25, [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0])))).toBe(
      'ERR_BAD_REQUEST',
    )
    expect(codeOf(() => decode(frameOf(25, [0, 0, 0, 1])))).toBe('ERR_MALFORMED_MESSAGE')
  })

  it('[WR-2] rejects a handshake whose peer id length disagrees with the frame', () => {
    const frame = encode({ type: 'handshake', nonce: NONCE, peerId: 'ab', hasMetadata: true })
    frame[42] = 3
    expect(codeOf(() => decode(frame))).toBe('ERR_BAD_HANDSHAKE')
    expect(codeOf(() => decode(frameOf(20, [0x53, 0x57, 0x44, 0x32, 0])))).toBe('ERR_BAD_HANDSHAKE')
  })

  it('[PL-4] frames a proof as 32 or 64 bytes and refuses any other length', () => {
    const frame = encode({ type: 'proof', link: new Uint8Array(32).fill(5), password: null })
    expect([...frame.subarray(0, 5)]).toEqual([0, 0, 0, 33, 24])
    expect(codeOf(() => decode(frameOf(24, new Array<number>(33).fill(0))))).toBe(
      'ERR_BAD_HANDSHAKE',
    )
    expect(codeOf(() => decode(frameOf(24, [])))).toBe('ERR_BAD_HANDSHAKE')
  })

  it('[WR-4] rejects truncated frames', () => {
    const frame = encode({ type: 'request', index: pieceIndex(1), begin: 0, length: 10 })
    expect(codeOf(() => decode(frame.subarray(0, frame.length - 1)))).toBe('ERR_MALFORMED_MESSAGE')
    expect(codeOf(() => decode(Uint8Array.of(0, 0, 1)))).toBe('ERR_MALFORMED_MESSAGE')
    expect(codeOf(() => decode(new Uint8Array(0)))).toBe('ERR_MALFORMED_MESSAGE')
  })

  it('[WR-4] rejects trailing bytes after a frame', () => {
    const frame = Uint8Array.of(...encode({ type: 'choke' }), 0)
    expect(codeOf(() => decode(frame))).toBe('ERR_MALFORMED_MESSAGE')
  })

  it('[WR-4] rejects unknown message ids', () => {
    expect(codeOf(() => decode(frameOf(9, [])))).toBe('ERR_UNKNOWN_MESSAGE')
    expect(codeOf(() => decode(frameOf(255, [1, 2])))).toBe('ERR_UNKNOWN_MESSAGE')
  })

  it.each([
    ['choke', 0, [1]],
    ['unchoke', 1, [0]],
    ['interested', 2, [0, 0]],
    ['not-interested', 3, [0]],
    ['have', 4, [0, 0, 1]],
    ['have', 4, [0, 0, 0, 1, 0]],
    ['request', 6, [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1]],
    ['cancel', 8, [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0]],
    ['piece without block', 7, [0, 0, 0, 1, 0, 0, 0, 0]],
    ['metadata-request', 21, [0, 0, 0]],
    ['metadata-reject', 23, [0, 0, 0, 0, 0]],
    ['metadata-data without data', 22, [0, 0, 0, 0, 0, 0, 0, 1]],
  ])('[WR-4] rejects %s with a wrong payload length', (_, id, payload) => {
    expect(codeOf(() => decode(frameOf(id, payload)))).toBe('ERR_MALFORMED_MESSAGE')
  })

  it('[WR-4] rejects a request longer than 256 KiB or of length 0', () => {
    const over = MAX_BLOCK_BYTES + 1
    const request = frameOf(6, [
      0,
      0,
      0,
      1,
      0,
      0,
      0,
      0,
      over >>> 24,
      (over >>> 16) & 0xff,
      (over >>> 8) & 0xff,
      over & 0xff,
    ])
    expect(codeOf(() => decode(request))).toBe('ERR_BAD_REQUEST')
    expect(codeOf(() => decode(frameOf(8, [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0])))).toBe(
      'ERR_BAD_REQUEST',
    )
    expect(() =>
      encode({ type: 'request', index: pieceIndex(0), begin: 0, length: MAX_BLOCK_BYTES + 1 }),
    ).toThrow(ProtocolError)
  })

  it('[WR-4] rejects oversize frames from the length prefix alone', () => {
    const length = MAX_FRAME_BYTES + 1
    const prefix = Uint8Array.of(
      length >>> 24,
      (length >>> 16) & 0xff,
      (length >>> 8) & 0xff,
      length & 0xff,
    )
    expect(codeOf(() => decode(prefix))).toBe('ERR_FRAME_TOO_LARGE')
    expect(codeOf(() => decode(Uint8Array.of(0xff, 0xff, 0xff, 0xff, 7)))).toBe(
      'ERR_FRAME_TOO_LARGE',
    )
    expect(() =>
      encode({
        type: 'piece',
        index: pieceIndex(0),
        begin: 0,
        block: new Uint8Array(MAX_FRAME_BYTES),
      }),
    ).toThrow(expect.objectContaining({ code: 'ERR_FRAME_TOO_LARGE' }))
  })

  it('refuses to encode fields that do not fit the frame', () => {
    expect(() => encode({ type: 'have', index: pieceIndex(-1) })).toThrow(ProtocolError)
    expect(() => encode({ type: 'have', index: pieceIndex(2 ** 32) })).toThrow(ProtocolError)
    expect(() =>
      encode({ type: 'handshake', nonce: new Uint8Array(31), peerId: 'a', hasMetadata: false }),
    ).toThrow(ProtocolError)
    expect(() =>
      encode({ type: 'handshake', nonce: NONCE, peerId: 'ünï', hasMetadata: false }),
    ).toThrow(ProtocolError)
  })

  it('[WR-1] round-trips seeded random messages', () => {
    const random = new SeededRandom(1)
    const u32 = (): number => random.int(2 ** 32)
    for (let i = 0; i < 500; i++) {
      const candidates: WireMessage[] = [
        { type: 'have', index: pieceIndex(u32()) },
        { type: 'bitfield', bytes: random.bytes(random.int(300)) },
        {
          type: 'request',
          index: pieceIndex(u32()),
          begin: u32(),
          length: 1 + random.int(MAX_BLOCK_BYTES),
        },
        {
          type: 'piece',
          index: pieceIndex(u32()),
          begin: u32(),
          block: random.bytes(1 + random.int(2000)),
        },
        {
          type: 'metadata-data',
          chunk: u32(),
          totalSize: 1 + random.int(8 * 1024 * 1024),
          data: random.bytes(1 + random.int(500)),
        },
      ]
      const message = candidates[random.int(candidates.length)] as WireMessage
      expect(comparable(decode(encode(message)))).toEqual(comparable(message))
    }
  })

  it('[WR-4] fuzz: random bytes decode or throw a ProtocolError, never anything else', () => {
    const random = new SeededRandom(0x5eed)
    const valid = EVERY_MESSAGE.filter((m) => m.type !== 'piece' || m.block.length < 100).map(
      encode,
    )
    for (let i = 0; i < 20_000; i++) {
      let frame: Uint8Array
      if (i % 2 === 0) {
        frame = random.bytes(random.int(64))
      } else {
        // Mutate a valid frame: nearer the real attack surface than pure noise.
        frame = (valid[random.int(valid.length)] as Uint8Array).slice()
        const flips = 1 + random.int(3)
        for (let f = 0; f < flips && frame.length > 0; f++) {
          frame[random.int(frame.length)] = random.int(256)
        }
      }
      try {
        const message = decode(frame)
        expect(comparable(decode(encode(message)))).toEqual(comparable(message))
      } catch (error) {
        if (!(error instanceof ProtocolError)) {
          throw new Error(`seed 0x5eed iteration ${i}: ${String(error)}`, { cause: error })
        }
      }
    }
  })
})
