import { describe, expect, it } from 'vitest'

import { PieceTurns } from './piece-turns.ts'

/** Each neighbour's queued blocks, as the piece index of each (head first). */
type Queues = Record<string, number[]>

const pieceOfIn =
  (queues: Queues) =>
  (n: string): number | null =>
    queues[n]?.[0] ?? null

/**
 * An uploader's sends, one block per step: every step each neighbour with a queued block asks,
 * in a rotation that starts one further each step (as drains pump them), until one may go; a
 * woken neighbour asks at once. Returns `<neighbour><piece>` per block sent.
 */
function serve(turns: PieceTurns<string>, queues: Queues, steps: number, stepMs = 0): string[] {
  const names = Object.keys(queues)
  const sent: string[] = []
  const pieceOf = pieceOfIn(queues)
  for (let step = 0; step < steps; step++) {
    const now = step * stepMs
    for (let i = 0; i < names.length; i++) {
      let n: string | null = names[(step + i) % names.length] as string
      while (n !== null) {
        const index = pieceOf(n)
        if (index === null) {
          break
        }
        const { go, wake } = turns.take(n, index, now, pieceOf)
        if (go) {
          queues[n]?.shift()
          sent.push(`${n}${index}`)
          n = null
          i = names.length
        } else {
          n = wake
        }
      }
    }
  }
  return sent
}

describe('piece turns', () => {
  it('[EN-16] one neighbour’s piece at a time, then whoever waited longest', () => {
    const queues = { a: [1, 1, 1, 1, 2, 2], b: [3, 3, 3, 3], c: [4, 4, 4, 4] }
    const sent = serve(new PieceTurns(Infinity), queues, 14)
    // Block by block in turns, every piece would finish only in the last round of all three.
    expect(sent.join(' ')).toBe('a1 a1 a1 a1 b3 b3 b3 b3 c4 c4 c4 c4 a2 a2')
  })

  it('[EN-16] a neighbour that can no longer be sent (choked, left, asks nothing) gives up its turn', () => {
    const queues: Queues = { a: [1, 1, 1, 1], b: [3, 3] }
    const turns = new PieceTurns<string>(Infinity)
    expect(serve(turns, queues, 2).join(' ')).toBe('a1 a1')
    queues['a'] = [] // choked: its requests are void
    expect(serve(turns, queues, 2).join(' ')).toBe('b3 b3')
  })

  it('[EN-16] a neighbour waiting longer than maxWaitMs takes its turn mid-piece (PP-5’s timeout)', () => {
    // One block a second; b waits from 1 s on and goes the first time it asks after maxWaitMs.
    const a = (): Queues => ({ a: [1, 1, 1, 1, 1, 1, 1, 1], b: [3, 3] })
    expect(serve(new PieceTurns(Infinity), a(), 6, 1_000).join(' ')).toBe('a1 a1 a1 a1 a1 a1')
    expect(serve(new PieceTurns(2_500), a(), 6, 1_000).join(' ')).toBe('a1 a1 a1 a1 a1 b3')
    expect(serve(new PieceTurns(1_500), a(), 6, 1_000).join(' ')).toBe('a1 a1 a1 b3 b3 a1')
  })

  it('[EN-16] a neighbour that left neither holds the turn nor waits', () => {
    const queues: Queues = { a: [1, 1], b: [3, 3] }
    const turns = new PieceTurns<string>(Infinity)
    expect(serve(turns, queues, 1)).toEqual(['a1'])
    turns.forget('a')
    expect(turns.take('b', 3, 0, pieceOfIn(queues))).toEqual({ go: true, wake: null })
  })
})
