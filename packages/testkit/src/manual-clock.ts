import type { Clock, Unsubscribe } from '@swarmdrop/protocol'

interface Timer {
  readonly id: number
  due: number
  readonly intervalMs: number | null
  readonly callback: () => void
}

/** Lets microtasks and already-resolved I/O callbacks run (hashing, store reads, promise chains). */
export const flushAsync = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/**
 * A Clock that only moves when a test says so (tldraw/libtorrent `sim` style).
 *
 * This tracks: 1. virtual now, 2. pending timers ordered by due time then creation.
 */
export class ManualClock implements Clock {
  #now: number
  #nextId = 1
  readonly #timers = new Map<number, Timer>()

  constructor(startMs = 0) {
    this.#now = startMs
  }

  now(): number {
    return this.#now
  }

  setTimeout(callback: () => void, delayMs: number): Unsubscribe {
    return this.#add(callback, Math.max(0, delayMs), null)
  }

  setInterval(callback: () => void, intervalMs: number): Unsubscribe {
    return this.#add(callback, Math.max(1, intervalMs), Math.max(1, intervalMs))
  }

  /** Timers not yet fired or cancelled. */
  get pendingTimers(): number {
    return this.#timers.size
  }

  /** Fires every timer due within `ms`, in order, letting async work settle after each one. */
  async advance(ms: number): Promise<void> {
    const target = this.#now + ms
    await flushAsync()
    for (;;) {
      const next = this.#nextDue(target)
      if (!next) {
        break
      }
      this.#now = next.due
      if (next.intervalMs === null) {
        this.#timers.delete(next.id)
      } else {
        next.due += next.intervalMs
      }
      next.callback()
      await flushAsync()
    }
    this.#now = target
    await flushAsync()
  }

  /**
   * Advances in steps until `done()` holds; throws after `limitMs` of virtual time so a stuck
   * swarm fails the test instead of hanging it.
   */
  async runUntil(done: () => boolean, limitMs: number, stepMs = 100): Promise<void> {
    const deadline = this.#now + limitMs
    while (!done()) {
      if (this.#now >= deadline) {
        throw new Error(`condition not reached within ${limitMs} ms of virtual time`)
      }
      await this.advance(stepMs)
    }
  }

  #add(callback: () => void, delayMs: number, intervalMs: number | null): Unsubscribe {
    const id = this.#nextId++
    this.#timers.set(id, { id, due: this.#now + delayMs, intervalMs, callback })
    return () => {
      this.#timers.delete(id)
    }
  }

  #nextDue(limit: number): Timer | undefined {
    let best: Timer | undefined
    for (const timer of this.#timers.values()) {
      if (timer.due <= limit && (!best || timer.due < best.due)) {
        best = timer
      }
    }
    return best
  }
}
