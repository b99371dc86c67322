import type { Channel } from '@swarmdrop/engine'
import { afterEach, describe, expect, it } from 'vitest'

/**
 * Two connected ends of one channel, as a transport under test makes them. `until` lets time
 * pass until `done()` holds: a ManualClock advances; a real transport waits on real time.
 */
export interface ChannelPairUnderTest {
  readonly a: Channel
  readonly b: Channel
  until(done: () => boolean, what: string): Promise<void>
  dispose(): Promise<void> | void
}

/** Opens a fresh connected pair. */
export type ChannelPairFactory = () => Promise<ChannelPairUnderTest>

/**
 * A frame (SPEC WR-1) of `length` bytes, length prefix included, with bytes that depend on their
 * position and on `seed`, so a reordering, a shifted view or a mixed-up frame shows.
 */
export function contractFrame(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(Math.max(4, length))
  for (let i = 4; i < bytes.length; i++) {
    bytes[i] = (i * 31 + seed * 7) & 0xff
  }
  new DataView(bytes.buffer).setUint32(0, bytes.length - 4)
  return bytes
}

const hexOf = (frames: readonly Uint8Array[]): string[] =>
  frames.map((f) => `${f.length}:${Array.from(f.subarray(0, 16)).join(',')}:${sum(f)}`)
const sum = (bytes: Uint8Array): number => bytes.reduce((a, b) => (a * 31 + b) >>> 0, 7)

/**
 * What every Channel must do for the engine, whatever carries it (the in-memory network, WebRTC
 * in Node through @roamhq/wrtc, WebRTC in Chromium): the engine hands `send` whole frames (SPEC
 * WR-1) and must get the same frames back from `onMessage`, in order, however the transport
 * packs them; `bufferedAmount` must count what is not yet sent (EN-3); a close reaches both ends
 * once (NET-4). The caller never changes bytes after `send`, so a transport may hold them.
 */
export function describeChannelContract(name: string, open: ChannelPairFactory): void {
  describe(`Channel contract: ${name}`, () => {
    const pairs: ChannelPairUnderTest[] = []
    const pair = async (): Promise<ChannelPairUnderTest> => {
      const p = await open()
      pairs.push(p)
      return p
    }
    const receive = (channel: Channel): Uint8Array[] => {
      const got: Uint8Array[] = []
      channel.onMessage((frame) => got.push(frame.slice()))
      return got
    }
    afterEach(async () => {
      for (const p of pairs.splice(0)) {
        await p.dispose()
      }
    })

    it('[WR-1] frames arrive whole, byte-exact and in order, both ways, views included', async () => {
      const p = await pair()
      const atB = receive(p.b)
      const atA = receive(p.a)
      const big = new Uint8Array(64 * 1024 + 64).fill(9)
      const inner = contractFrame(64 * 1024, 6)
      big.set(inner, 32)
      const frames = [
        contractFrame(4, 0),
        contractFrame(5, 1),
        contractFrame(17, 2),
        contractFrame(16 * 1024, 3),
        contractFrame(64 * 1024, 4),
        contractFrame(64 * 1024 + 13, 5),
        // A view into a larger buffer sends only its own bytes.
        big.subarray(32, 32 + inner.length),
      ]
      for (const frame of frames) {
        p.a.send(frame)
      }
      p.b.send(contractFrame(9, 7))
      await p.until(() => atB.length === frames.length && atA.length === 1, 'all frames')
      expect(hexOf(atB)).toEqual(hexOf(frames))
      expect(hexOf(atA)).toEqual(hexOf([contractFrame(9, 7)]))
    })

    it('[WR-1] a burst of frames sent in one task arrives as the same frames, in order', async () => {
      const p = await pair()
      const atB = receive(p.b)
      const frames = Array.from({ length: 200 }, (_, i) => contractFrame(4 + ((i * 97) % 300), i))
      for (const frame of frames) {
        p.a.send(frame)
      }
      await p.until(() => atB.length === frames.length, 'the burst')
      expect(hexOf(atB)).toEqual(hexOf(frames))
    })

    it('[EN-3] bufferedAmount counts a burst not yet sent, and falls to 0 once it is', async () => {
      const p = await pair()
      const atB = receive(p.b)
      const count = 24
      for (let i = 0; i < count; i++) {
        p.a.send(contractFrame(64 * 1024, i))
      }
      expect(p.a.bufferedAmount).toBeGreaterThan(64 * 1024)
      await p.until(() => atB.length === count && p.a.bufferedAmount === 0, 'the drain')
      expect(atB.length).toBe(count)
    })

    it('[NET-4] close() closes both ends, once each', async () => {
      const p = await pair()
      let closesA = 0
      let closesB = 0
      p.a.onClose(() => closesA++)
      p.b.onClose(() => closesB++)
      p.a.close()
      p.a.close()
      await p.until(() => closesA > 0 && closesB > 0, 'both closes')
      expect([closesA, closesB]).toEqual([1, 1])
    })
  })
}
