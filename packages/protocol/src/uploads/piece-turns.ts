/**
 * SPEC EN-16: an uploader serves one neighbour's piece at a time. The neighbour in the middle of
 * a piece keeps the uplink until its next block is of another piece; then the neighbour that has
 * waited longest goes, and the one that finished goes to the back. Serving blocks in turns
 * instead finished every neighbour's piece at once, at the end of a round of all of them: a seed
 * shared by five sent its first whole piece after 1.25 s instead of 0.25 s, and nobody could
 * pass on a piece it did not have. Whoever waits longer than `maxWaitMs` takes its turn at once,
 * so a slow uplink never stretches a neighbour's wait towards its request timeout (PP-5).
 *
 * Pure: the uploader passes the clock's time and tells, through `pieceOf`, which piece each
 * neighbour's next block is of (null when it cannot be sent: the neighbour left, is choked or
 * asks nothing).
 *
 * This tracks: 1. the neighbour whose piece is being sent, and that piece, 2. the neighbours
 * waiting for their turn, oldest first, and since when.
 */
export class PieceTurns<N> {
  #current: Turn<N> | null = null
  /** Waiting since (ms), in the order they began to wait (a Map keeps insertion order). */
  readonly #waiting = new Map<N, number>()

  constructor(private readonly maxWaitMs: number) {}

  /**
   * Whether `neighbour` may send its next block (of piece `index`) now. If not, it waits its
   * turn, and `wake` is the neighbour whose turn it is now (the caller sends it on), if any.
   */
  take(
    neighbour: N,
    index: number,
    nowMs: number,
    pieceOf: (other: N) => number | null,
  ): { readonly go: boolean; readonly wake: N | null } {
    const current = this.#current
    if (current !== null && current.neighbour === neighbour && current.index === index) {
      return GO
    }
    const midPiece =
      current !== null &&
      current.neighbour !== neighbour &&
      pieceOf(current.neighbour) === current.index
    const first = this.#firstWaiting(pieceOf)
    const itsTurnAnyway = first?.neighbour === neighbour && this.#waitedTooLong(neighbour, nowMs)
    if (midPiece && !itsTurnAnyway) {
      this.#wait(neighbour, nowMs)
      return STAY
    }
    if (first !== null && first.neighbour !== neighbour) {
      // Nobody is in the middle of a piece, or `neighbour` finished its own: the oldest goes.
      this.#waiting.delete(first.neighbour)
      this.#current = first
      this.#wait(neighbour, nowMs)
      return { go: false, wake: first.neighbour }
    }
    this.#waiting.delete(neighbour)
    this.#current = { neighbour, index }
    return GO
  }

  /** A neighbour left: it neither holds the turn nor waits for one. */
  forget(neighbour: N): void {
    this.#waiting.delete(neighbour)
    if (this.#current?.neighbour === neighbour) {
      this.#current = null
    }
  }

  /** The oldest waiting neighbour that can send; those that cannot lose their place. */
  #firstWaiting(pieceOf: (other: N) => number | null): Turn<N> | null {
    for (const other of this.#waiting.keys()) {
      const index = pieceOf(other)
      if (index !== null) {
        return { neighbour: other, index }
      }
      this.#waiting.delete(other)
    }
    return null
  }

  #waitedTooLong(neighbour: N, nowMs: number): boolean {
    const since = this.#waiting.get(neighbour)
    return since !== undefined && nowMs - since >= this.maxWaitMs
  }

  #wait(neighbour: N, nowMs: number): void {
    if (!this.#waiting.has(neighbour)) {
      this.#waiting.set(neighbour, nowMs)
    }
  }
}

/** A neighbour's turn: the piece it is being sent. */
interface Turn<N> {
  readonly neighbour: N
  readonly index: number
}

const GO = { go: true, wake: null } as const
const STAY = { go: false, wake: null } as const
