import { SeededRandom } from '@swarmdrop/testkit'
import { describe, expect, it } from 'vitest'

import { pieceIndex } from '../ids.ts'
import { MAX_MESSAGE_BYTES, forEachFrame, packFrames } from './batch.ts'
import { decode, encode } from './codec.ts'
import type { WireMessage } from './messages.ts'

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex')
const framesOf = (message: Uint8Array): Uint8Array[] => {
  const frames: Uint8Array[] = []
  forEachFrame(message, (frame) => frames.push(frame))
  return frames
}
const block = (bytes: number): WireMessage => ({
  type: 'piece',
  index: pieceIndex(3),
  begin: 0,
  block: new Uint8Array(bytes).fill(7),
})

describe('packFrames and forEachFrame (SPEC WR-1)', () => {
  it('[WR-1] packs frames of one tick into one message and splits them back in order', () => {
    const frames = [
      encode({ type: 'have', index: pieceIndex(1) }),
      encode({ type: 'request', index: pieceIndex(2), begin: 0, length: 65_536 }),
      encode({ type: 'keep-alive' }),
      encode(block(100)),
    ]
    const messages = packFrames(frames)
    expect(messages).toHaveLength(1)
    expect(framesOf(messages[0] as Uint8Array).map(hex)).toEqual(frames.map(hex))
  })

  it('[WR-1] sends a lone frame as itself, not a copy', () => {
    const frame = encode(block(65_536))
    const [message] = packFrames([frame])
    expect(message).toBe(frame)
    const [back] = framesOf(frame)
    expect(back).toBe(frame)
  })

  it('[WR-1] splits views, never copies', () => {
    const frames = [encode(block(10)), encode(block(20))]
    const [message] = packFrames(frames) as [Uint8Array]
    for (const frame of framesOf(message)) {
      expect(frame.buffer).toBe(message.buffer)
    }
  })

  it('[WR-1] never makes a message above the limit: three 64 KiB blocks fit, the fourth starts a new one', () => {
    const frames = Array.from({ length: 7 }, () => encode(block(65_536)))
    const messages = packFrames(frames)
    expect(messages.map((m) => framesOf(m).length)).toEqual([3, 3, 1])
    for (const m of messages) {
      expect(m.length).toBeLessThanOrEqual(MAX_MESSAGE_BYTES)
    }
  })

  it('[WR-1] a frame longer than the limit travels alone, between its neighbours', () => {
    const small = encode({ type: 'choke' })
    const big = encode(block(300))
    const messages = packFrames([small, big, small], 100)
    expect(messages.map((m) => framesOf(m).length)).toEqual([1, 1, 1])
    expect(messages[1]).toBe(big)
  })

  it('[WR-4] hands a cut frame on whole, so that the decoder rejects it', () => {
    const good = encode({ type: 'unchoke' })
    const cut = encode({ type: 'have', index: pieceIndex(9) }).subarray(0, 7)
    const message = new Uint8Array([...good, ...cut])
    const frames = framesOf(message)
    expect(frames.map(hex)).toEqual([hex(good), hex(cut)])
    expect(() => decode(frames[1] as Uint8Array)).toThrow()
    const prefixOnly = new Uint8Array([...good, 0, 0])
    expect(framesOf(prefixOnly).map(hex)).toEqual([hex(good), '0000'])
  })

  it('[WR-1] round-trips seeded random frame sequences under random limits', () => {
    const random = new SeededRandom(15)
    for (let round = 0; round < 200; round++) {
      const frames = Array.from({ length: 1 + random.int(40) }, () =>
        random.int(4) === 0
          ? encode(block(1 + random.int(5000)))
          : encode({ type: 'have', index: pieceIndex(random.int(1001)) }),
      )
      const limit = 9 + random.int(19992)
      const messages = packFrames(frames, limit)
      for (const m of messages) {
        expect(m.length <= limit || framesOf(m).length === 1).toBe(true)
      }
      expect(messages.flatMap(framesOf).map(hex)).toEqual(frames.map(hex))
    }
  })
})
