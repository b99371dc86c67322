import { SeededRandom } from '@swarmdrop/testkit'
import { describe, expect, it } from 'vitest'

import { Bitfield } from '../bitfield.ts'
import type { PeerId } from '../ids.ts'
import { pieceIndex } from '../ids.ts'
import type { BlockRequest } from './piece-picker.ts'
import { PiecePicker } from './piece-picker.ts'

const BLOCK = 4
const BLOCKS_PER_PIECE = 4
const PIECE = BLOCK * BLOCKS_PER_PIECE
const peer = (name: string): PeerId => name as PeerId
const [A, B, C, D] = ['A', 'B', 'C', 'D'].map(peer) as [PeerId, PeerId, PeerId, PeerId]

function bits(length: number, set: readonly number[]): Bitfield {
  const field = new Bitfield(length)
  set.forEach((i) => field.set(i))
  return field
}

/**
 * libtorrent-style fixture: `availability` has one digit per piece, the number of connected
 * peers holding it. Peers p0, p1, … are added so that peer k holds piece i when k < digit i;
 * p0 therefore holds every piece anyone holds. `have` marks held pieces with '*'.
 */
function picker(
  availability: string,
  options: { have?: string; seed?: number; order?: 'rarest-first' | 'random' } = {},
) {
  const digits = [...availability].map(Number)
  const pieceCount = digits.length
  const have =
    options.have === undefined
      ? undefined
      : bits(
          pieceCount,
          [...options.have].flatMap((c, i) => (c === '*' ? [i] : [])),
        )
  const p = new PiecePicker({
    pieceCount,
    pieceLength: PIECE,
    lastPieceLength: PIECE,
    blockSize: BLOCK,
    random: new SeededRandom(options.seed ?? 1),
    ...(have === undefined ? {} : { have }),
    ...(options.order === undefined ? {} : { order: options.order }),
  })
  const peers = Array.from({ length: Math.max(0, ...digits) }, (_, k) => peer(`p${k}`))
  peers.forEach((id, k) =>
    p.addPeer(
      id,
      bits(
        pieceCount,
        digits.flatMap((d, i) => (k < d ? [i] : [])),
      ),
    ),
  )
  return { p, peers, p0: peer('p0') }
}

const piecesOf = (blocks: readonly BlockRequest[]): number[] => [
  ...new Set(blocks.map((b) => b.index)),
]
const key = (b: BlockRequest): string => `${b.index}:${b.begin}`

/** Receives every block of a piece from `from`. */
function receivePiece(p: PiecePicker, index: number, from: PeerId): void {
  for (let begin = 0; begin < PIECE; begin += BLOCK) {
    p.onBlockReceived(from, { index: pieceIndex(index), begin, length: BLOCK })
  }
}

describe('PiecePicker', () => {
  it('[PP-3] picks the rarest piece first: "3332333" → piece 3', () => {
    const { p, p0 } = picker('3332333')
    expect(piecesOf(p.pickBlocks(p0, 1))).toEqual([3])
  })

  it('[PP-3] "2223333" → one of the pieces held by two peers', () => {
    const { p, p0 } = picker('2223333')
    expect([0, 1, 2]).toContain(p.pickBlocks(p0, 1)[0]?.index)
  })

  it('[PP-3] a new piece is taken whole before the next rarest one', () => {
    const { p, p0 } = picker('3132')
    expect(p.pickBlocks(p0, BLOCKS_PER_PIECE + 1).map(key)).toEqual([
      '1:0',
      '1:4',
      '1:8',
      '1:12',
      '3:0',
    ])
  })

  it('[PP-3] ties are broken by the injected Random: reproducible per seed, varied across seeds', () => {
    const firstPick = (seed: number): number | undefined => {
      const { p, p0 } = picker('2223333', { seed })
      return p.pickBlocks(p0, 1)[0]?.index
    }
    const chosen = new Set<number | undefined>()
    for (let seed = 1; seed <= 40; seed++) {
      expect(firstPick(seed)).toBe(firstPick(seed))
      chosen.add(firstPick(seed))
    }
    expect([...chosen].sort()).toEqual([0, 1, 2])
  })

  it('[PP-3] never picks a piece already held', () => {
    const { p, p0 } = picker('1222', { have: '*   ' })
    const picked = p.pickBlocks(p0, 100)
    expect(piecesOf(picked).sort()).toEqual([1, 2, 3])
    expect(picked).toHaveLength(3 * BLOCKS_PER_PIECE)
  })

  it('[PP-2] blocks of a started piece come before a rarer new piece', () => {
    const p = new PiecePicker({
      pieceCount: 2,
      pieceLength: PIECE,
      lastPieceLength: PIECE,
      blockSize: BLOCK,
      random: new SeededRandom(1),
    })
    p.addPeer(A, bits(2, [0, 1]))
    p.addPeer(B, bits(2, [0, 1]))
    p.addPeer(C, bits(2, [0]))
    expect(p.pickBlocks(A, 1).map(key)).toEqual(['1:0']) // piece 1 is rarer (2 < 3)
    p.addPeer(D, bits(2, [1]))
    p.addPeer(peer('E'), bits(2, [1])) // now piece 1 (4) is more common than piece 0 (3)
    expect(p.pickBlocks(B, 2).map(key)).toEqual(['1:4', '1:8'])
  })

  it('[PP-4] returns at most `max` blocks and records them as requested', () => {
    const { p, p0 } = picker('1111')
    const picked = p.pickBlocks(p0, 3)
    expect(picked).toHaveLength(3)
    expect(p.requestCount(p0)).toBe(3)
    expect(p.pickBlocks(p0, 0)).toEqual([])
    // Recorded: a later pick does not hand out the same blocks again.
    expect(p.pickBlocks(p0, 1).map(key)).not.toContain(key(picked[0] as BlockRequest))
  })

  it('[PP-1] only picks pieces the peer holds; a peer with none gets nothing', () => {
    const p = new PiecePicker({
      pieceCount: 4,
      pieceLength: PIECE,
      lastPieceLength: PIECE,
      blockSize: BLOCK,
      random: new SeededRandom(1),
    })
    p.addPeer(A, bits(4, [2]))
    p.addPeer(B, bits(4, []))
    expect(piecesOf(p.pickBlocks(A, 100))).toEqual([2])
    expect(p.pickBlocks(B, 100)).toEqual([])
    expect(p.pickBlocks(peer('unknown'), 100)).toEqual([])
  })

  it('[PP-6] outside end game, no block is requested from two peers', () => {
    const { p, peers } = picker('3333')
    const all = peers.flatMap((id) => p.pickBlocks(id, 5))
    expect(new Set(all.map(key)).size).toBe(all.length)
    expect(all).toHaveLength(15)
    expect(p.inEndgame()).toBe(false)
  })

  it('[PP-6] end game starts once every missing block is requested, then duplicates are allowed', () => {
    const { p, peers } = picker('22')
    const [p0, p1] = peers as [PeerId, PeerId]
    const first = p.pickBlocks(p0, 2 * BLOCKS_PER_PIECE - 1)
    expect(p.inEndgame()).toBe(false)
    const last = p.pickBlocks(p1, 3)
    expect(last).toHaveLength(3) // the last fresh block, then two of p0's
    expect(p.inEndgame()).toBe(true)
    expect(first.map(key)).toContain(key(last[1] as BlockRequest))
    expect(first.map(key)).toContain(key(last[2] as BlockRequest))
  })

  it('[PP-6] in end game a peer never gets a block it already requested', () => {
    const { p, peers } = picker('22')
    const [p0, p1] = peers as [PeerId, PeerId]
    p.pickBlocks(p0, 100)
    expect(p.inEndgame()).toBe(true)
    expect(p.pickBlocks(p0, 100)).toEqual([])
    const duplicates = p.pickBlocks(p1, 100)
    expect(duplicates).toHaveLength(2 * BLOCKS_PER_PIECE)
    expect(p.pickBlocks(p1, 100)).toEqual([])
  })

  it('[PP-6] a block arriving returns the other requesters to cancel', () => {
    const { p, peers } = picker('333')
    const [p0, p1] = peers as [PeerId, PeerId]
    p.pickBlocks(p0, 100)
    const dup = p.pickBlocks(p1, 1)[0] as BlockRequest
    const before = p.requestCount(p0)
    expect(p.onBlockReceived(p1, dup)).toEqual([p0])
    expect(p.requestCount(p0)).toBe(before - 1)
    expect(p.onBlockReceived(p0, dup)).toEqual([])
  })

  it('[PP-6] in end game a block is asked of at most two peers at once', () => {
    const { p, peers } = picker('333')
    const [p0, p1, p2] = peers as [PeerId, PeerId, PeerId]
    const all = p.pickBlocks(p0, 100)
    const doubled = p.pickBlocks(p1, 2)
    // p2 gets only blocks that p0 alone has requested, never a third request of p1's two.
    const third = p.pickBlocks(p2, 100)
    expect(third.map(key).sort()).toEqual(
      all
        .map(key)
        .filter((k) => !doubled.map(key).includes(k))
        .sort(),
    )
    // Once p1's request is dropped, its blocks may be asked of p2.
    p.onRequestDropped(p1, doubled[0] as BlockRequest)
    expect(p.pickBlocks(p2, 100).map(key)).toEqual([key(doubled[0] as BlockRequest)])
  })

  it('[PP-5] [PP-6] requests held by snubbed peers do not keep a block from two others', () => {
    const { p, peers } = picker('333')
    const [p0, p1, p2] = peers as [PeerId, PeerId, PeerId]
    p.pickBlocks(p0, 100)
    const [block] = p.pickBlocks(p1, 1) as [BlockRequest]
    // p0 and p1 hold it: a third peer is not asked...
    expect(p.pickBlocks(p2, 100).map(key)).not.toContain(key(block))
    // ...until one of them stops answering.
    p.setSnubbed(p1, true)
    expect(p.pickBlocks(p2, 100).map(key)).toContain(key(block))
  })

  it('[PP-6] no end game while a missing piece has never been requested (nobody holds it)', () => {
    const { p, p0 } = picker('10')
    p.pickBlocks(p0, 100)
    expect(p.inEndgame()).toBe(false)
  })

  it('[PP-7] availability counts bitfields and haves of connected peers; departure lowers it', () => {
    const { p, peers } = picker('2100')
    const [p0, p1] = peers as [PeerId, PeerId]
    expect([0, 1, 2, 3].map((i) => p.availability(pieceIndex(i)))).toEqual([2, 1, 0, 0])
    p.onHave(p1, pieceIndex(3))
    p.onHave(p1, pieceIndex(3))
    p.onHave(C, pieceIndex(3)) // a have from a peer that sent no bitfield
    expect(p.availability(pieceIndex(3))).toBe(2)
    p.removePeer(p0)
    expect([0, 1, 2, 3].map((i) => p.availability(pieceIndex(i)))).toEqual([1, 0, 0, 2])
    p.removePeer(p0)
    expect(p.availability(pieceIndex(0))).toBe(1)
  })

  it('[PP-7] a new bitfield from a known peer replaces its old one', () => {
    const { p, p0 } = picker('11')
    p.addPeer(p0, bits(2, [1]))
    expect([p.availability(pieceIndex(0)), p.availability(pieceIndex(1))]).toEqual([0, 1])
  })

  it('[PP-5] [PP-7] removing a peer releases its requests to others', () => {
    const { p, peers } = picker('22')
    const [p0, p1] = peers as [PeerId, PeerId]
    const taken = p.pickBlocks(p0, 3)
    p.removePeer(p0)
    expect(p.requestCount(p0)).toBe(0)
    const retaken = p.pickBlocks(p1, 3)
    expect(retaken.map(key).sort()).toEqual(taken.map(key).sort())
    expect(p.inEndgame()).toBe(false)
  })

  it('[PP-5] a dropped request returns its block to the pool', () => {
    const { p, peers } = picker('22')
    const [p0, p1] = peers as [PeerId, PeerId]
    const [block] = p.pickBlocks(p0, 1) as [BlockRequest]
    p.onRequestDropped(p0, block)
    expect(p.requestCount(p0)).toBe(0)
    expect(p.pickBlocks(p1, 1).map(key)).toEqual([key(block)])
  })

  it('[PP-5] a late block after a drop still counts as received', () => {
    const { p, peers } = picker('2')
    const [p0, p1] = peers as [PeerId, PeerId]
    const [block] = p.pickBlocks(p0, 1) as [BlockRequest]
    p.onRequestDropped(p0, block)
    expect(p.onBlockReceived(p0, block)).toEqual([])
    expect(p.pickBlocks(p1, 100).map(key)).not.toContain(key(block))
  })

  it('[EN-2] a block thrown away is missing again, and ends end game', () => {
    const { p, peers } = picker('2')
    const [p0, p1] = peers as [PeerId, PeerId]
    const blocks = p.pickBlocks(p0, 100)
    const [first, second] = blocks as [BlockRequest, BlockRequest]
    p.onBlockReceived(p0, first)
    p.onBlockReceived(p0, second)
    expect(p.inEndgame()).toBe(true)
    p.onBlockLost(first)
    expect(p.inEndgame()).toBe(false)
    expect(p.pickBlocks(p1, 1).map(key)).toEqual([key(first)])
    expect(p.inEndgame()).toBe(true)
    // A block not received, or thrown away twice, changes nothing.
    p.onBlockLost(first)
    p.onBlockLost(blocks[2] as BlockRequest)
    expect(p.inEndgame()).toBe(true)
    expect(p.pickBlocks(p1, 100).map(key)).not.toContain(key(second))
  })

  it('[EN-2] a failed piece is requested again', () => {
    const { p, peers } = picker('2')
    const [p0, p1] = peers as [PeerId, PeerId]
    p.pickBlocks(p0, 100)
    receivePiece(p, 0, p0)
    expect(p.pickBlocks(p1, 100)).toEqual([])
    p.onPieceFailed(pieceIndex(0))
    expect(p.inEndgame()).toBe(false)
    expect(p.pickBlocks(p1, 100)).toHaveLength(BLOCKS_PER_PIECE)
  })

  it('[EN-6] a verified piece is held, never picked again, and ends interest', () => {
    const { p, peers } = picker('21')
    const [p0, p1] = peers as [PeerId, PeerId]
    expect(p.isInterestedIn(p1)).toBe(true)
    p.pickBlocks(p0, BLOCKS_PER_PIECE)
    receivePiece(p, 1, p0)
    p.onPieceVerified(pieceIndex(1))
    p.pickBlocks(p1, 100)
    receivePiece(p, 0, p1)
    p.onPieceVerified(pieceIndex(0))
    expect(p.have.isComplete()).toBe(true)
    expect(p.isInterestedIn(p0)).toBe(false)
    expect(p.isInterestedIn(p1)).toBe(false)
    expect(p.pickBlocks(p0, 100)).toEqual([])
    expect(p.inEndgame()).toBe(false)
  })

  it('ignores blocks that do not belong to the swarm', () => {
    const { p, p0 } = picker('1')
    expect(p.onBlockReceived(p0, { index: pieceIndex(1), begin: 0, length: BLOCK })).toEqual([])
    expect(p.onBlockReceived(p0, { index: pieceIndex(0), begin: 2, length: BLOCK })).toEqual([])
    expect(p.onBlockReceived(p0, { index: pieceIndex(0), begin: 0, length: 3 })).toEqual([])
    expect(p.pickBlocks(p0, 100)).toHaveLength(BLOCKS_PER_PIECE)
  })

  it('[WR-4] rejects a have outside the piece range', () => {
    const { p, p0 } = picker('1')
    expect(() => p.onHave(p0, pieceIndex(1))).toThrow(
      expect.objectContaining({ code: 'ERR_MALFORMED_MESSAGE' }),
    )
    expect(() => p.addPeer(p0, new Bitfield(2))).toThrow(
      expect.objectContaining({ code: 'ERR_BAD_BITFIELD' }),
    )
  })

  it('sizes the blocks of a short last piece', () => {
    const p = new PiecePicker({
      pieceCount: 2,
      pieceLength: PIECE,
      lastPieceLength: 6,
      blockSize: BLOCK,
      random: new SeededRandom(1),
    })
    p.addPeer(A, bits(2, [1]))
    expect(p.pickBlocks(A, 100)).toEqual([
      { index: 1, begin: 0, length: 4 },
      { index: 1, begin: 4, length: 2 },
    ])
  })

  it('[PP-1] [PP-5] [PP-6] seeded simulation: every piece completes and invariants hold', () => {
    for (let seed = 1; seed <= 20; seed++) {
      simulate(seed)
    }
  })
})

/**
 * Random peers come and go, requests drop, blocks arrive and some pieces fail their hash check;
 * the picker must still finish. Received blocks are tracked here as the engine's PieceBuffer
 * would, since completion is the engine's knowledge, not the picker's. The requests in flight
 * are modelled here too, from what the picker hands out and takes back (picks, cancels, drops),
 * and checked against its own count: the picker offers no list of them, nothing but this needs one.
 */
function simulate(seed: number): void {
  const random = new SeededRandom(seed)
  const pieceCount = 30 + random.int(40)
  const lastPieceLength = 1 + random.int(PIECE)
  const p = new PiecePicker({
    pieceCount,
    pieceLength: PIECE,
    lastPieceLength,
    blockSize: BLOCK,
    random,
  })
  const blocksIn = (index: number): number =>
    Math.ceil((index === pieceCount - 1 ? lastPieceLength : PIECE) / BLOCK)
  const received = new Map<number, Set<number>>()
  const connected = new Set<PeerId>()
  const requests = new Map<PeerId, Map<string, BlockRequest>>()
  const requestsOf = (id: PeerId): BlockRequest[] => [...(requests.get(id)?.values() ?? [])]
  const forget = (id: PeerId, block: BlockRequest): void => {
    requests.get(id)?.delete(key(block))
  }
  const connect = (id: PeerId): void => {
    const field = new Bitfield(pieceCount)
    for (let i = 0; i < pieceCount; i++) {
      if (random.next() < 0.5) {
        field.set(i)
      }
    }
    p.addPeer(id, field)
    connected.add(id)
  }
  const seeder = peer('seeder')
  p.addPeer(seeder, Bitfield.full(pieceCount))
  connected.add(seeder)
  for (let k = 0; k < 5; k++) {
    connect(peer(`p${k}`))
  }
  for (let step = 0; step < 50_000 && !p.have.isComplete(); step++) {
    const peers = [...connected]
    const who = peers[random.int(peers.length)] as PeerId
    const roll = random.next()
    if (roll < 0.5) {
      const before = new Set([...connected].flatMap((id) => requestsOf(id).map(key)))
      const picked = p.pickBlocks(who, 1 + random.int(6))
      const mine = requests.get(who) ?? new Map<string, BlockRequest>()
      requests.set(who, mine)
      for (const block of picked) {
        mine.set(key(block), block)
      }
      for (const block of picked) {
        expect(p.have.get(block.index), `seed ${seed}: picked a held piece`).toBe(false)
      }
      if (!p.inEndgame()) {
        // Outside end game a pick never duplicates a request (after a drop ends end game,
        // earlier duplicates may linger until answered; that is fine).
        expect(
          picked.filter((b) => before.has(key(b))),
          `seed ${seed} step ${step}`,
        ).toEqual([])
      }
    } else if (roll < 0.85) {
      const mine = requestsOf(who)
      const block = mine[random.int(mine.length)]
      if (block !== undefined) {
        forget(who, block)
        for (const other of p.onBlockReceived(who, block)) {
          forget(other, block)
        }
        const got = received.get(block.index) ?? new Set<number>()
        got.add(block.begin)
        received.set(block.index, got)
        if (got.size === blocksIn(block.index)) {
          received.delete(block.index)
          if (random.next() < 0.1) {
            p.onPieceFailed(block.index)
          } else {
            p.onPieceVerified(block.index)
          }
        }
      }
    } else if (roll < 0.95) {
      const block = requestsOf(who)[0]
      if (block !== undefined) {
        forget(who, block)
        p.onRequestDropped(who, block)
      }
    } else if (who !== seeder) {
      p.removePeer(who)
      requests.delete(who)
      connected.delete(who)
      connect(peer(`q${step}`))
    }
    for (const id of connected) {
      expect(p.requestCount(id), `seed ${seed} step ${step}: requests of ${id}`).toBe(
        requestsOf(id).length,
      )
    }
    // End game is exactly "every block of every missing piece is requested or received".
    const requested = new Set([...connected].flatMap((id) => requestsOf(id).map(key)))
    let allCovered = !p.have.isComplete()
    for (let i = 0; i < pieceCount && allCovered; i++) {
      for (let b = 0; b < blocksIn(i) && !p.have.get(i); b++) {
        if (!requested.has(`${i}:${b * BLOCK}`) && received.get(i)?.has(b * BLOCK) !== true) {
          allCovered = false
        }
      }
    }
    expect(p.inEndgame(), `seed ${seed} step ${step}`).toBe(allCovered)
  }
  expect(p.have.isComplete(), `seed ${seed}`).toBe(true)
  expect(p.inEndgame()).toBe(false)
}

describe('piece order ablation (simulator only)', () => {
  it("'random' ignores availability: over many seeds the rarest piece is not always first", () => {
    const firsts = new Set<number>()
    for (let seed = 1; seed <= 20; seed++) {
      const { p, p0 } = picker('4441444', { seed, order: 'random' })
      firsts.add(piecesOf(p.pickBlocks(p0, 1))[0] ?? -1)
    }
    expect(firsts.size).toBeGreaterThan(1)
    for (let seed = 1; seed <= 20; seed++) {
      const { p, p0 } = picker('4441444', { seed })
      expect(piecesOf(p.pickBlocks(p0, 1))).toEqual([3])
    }
  })
})
