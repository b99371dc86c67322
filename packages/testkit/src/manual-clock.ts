import type { Clock, Unsubscribe } from '@swarmdrop/protocol'

interface Timer {
  readonly seq: number
  due: number
  readonly intervalMs: number | null
  readonly callback: () => void
  cancelled: boolean
}

/** Lets microtasks and already-resolved I/O callbacks run (hashing, store reads, promise chains). */
export const flushAsync = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/**
 * Lets promise chains up to `hops` links long settle without a trip through the event loop
 * (a setImmediate costs ~3 µs, a microtask hop ~0.05 µs). Only for worlds whose async work is all
 * promises (hashing and stores that resolve at once, as in the simulator): real I/O would not run.
 * A longer chain goes on at the next instant — still deterministic, only later in virtual time.
 */
export const settleMicrotasks = (hops: number): (() => Promise<void>) => {
  const settle = async (): Promise<void> => {
    for (let i = 0; i < hops; i++) {
      await null
    }
  }
  HOPS.set(settle, hops)
  return settle
}

/**
 * Hop counts of the functions settleMicrotasks made: a ManualClock given one runs the hops itself
 * (the same microtask turns, one hop for the function's own promise included) instead of calling
 * an async function per instant, which a simulation does millions of times.
 */
const HOPS = new WeakMap<() => Promise<void>, number>()

/** Earlier due time first; among equals, the timer set first (so runs are deterministic). */
const before = (a: Timer, b: Timer): boolean => a.due < b.due || (a.due === b.due && a.seq < b.seq)

/**
 * A Clock that only moves when a test (or the simulator) says so (tldraw/libtorrent `sim`
 * style). Timers sit in a binary heap, so a swarm of thousands of peers stays fast.
 *
 * This tracks: 1. virtual now, 2. pending timers in a min-heap by (due, creation order);
 * cancelled timers are dropped lazily when they reach the top.
 */
export class ManualClock implements Clock {
  #now: number
  #seq = 0
  readonly #heap: Timer[] = []
  readonly #settle: () => Promise<void>
  /** Microtask turns that `await this.#settle()` takes, when known (see settleMicrotasks). */
  readonly #hops: number | undefined

  /** `settle` lets async work finish between instants (default: one event-loop turn). */
  constructor(startMs = 0, settle: () => Promise<void> = flushAsync) {
    this.#now = startMs
    this.#settle = settle
    const hops = HOPS.get(settle)
    this.#hops = hops === undefined ? undefined : hops + 1
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

  /** When the next timer is due, or null when none is pending. */
  nextDue(): number | null {
    this.#dropCancelled()
    return this.#heap[0]?.due ?? null
  }

  /**
   * Fires every timer due within `ms`, in order. Async work (hashing, store reads) settles after
   * each batch of timers due at the same instant, before time moves on.
   */
  advance(ms: number): Promise<void> {
    const target = this.#now + ms
    return this.#hops === undefined
      ? this.#advanceSettled(target)
      : this.#advanceByHops(target, this.#hops)
  }

  async #advanceSettled(target: number): Promise<void> {
    await this.#settle()
    for (;;) {
      const due = this.nextDue()
      if (due === null || due > target) {
        break
      }
      this.#now = due
      while (this.#heap[0] && this.#heap[0].due === due) {
        this.#fire(this.#pop())
      }
      await this.#settle()
    }
    this.#now = target
    await this.#settle()
  }

  /** `advance` with settling inlined as `hops` microtask turns after every instant. */
  async #advanceByHops(target: number, hops: number): Promise<void> {
    for (let i = 0; i < hops; i++) {
      await null
    }
    const heap = this.#heap
    for (;;) {
      const due = this.nextDue()
      if (due === null || due > target) {
        break
      }
      this.#now = due
      while (heap[0] && heap[0].due === due) {
        this.#fire(this.#pop())
      }
      for (let i = 0; i < hops; i++) {
        await null
      }
    }
    this.#now = target
    for (let i = 0; i < hops; i++) {
      await null
    }
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

  #fire(timer: Timer): void {
    if (timer.cancelled) {
      return
    }
    if (timer.intervalMs === null) {
      timer.cancelled = true
    } else {
      timer.due += timer.intervalMs
      this.#push(timer)
    }
    timer.callback()
  }

  #add(callback: () => void, delayMs: number, intervalMs: number | null): Unsubscribe {
    const timer: Timer = {
      seq: this.#seq++,
      due: this.#now + delayMs,
      intervalMs,
      callback,
      cancelled: false,
    }
    this.#push(timer)
    return () => {
      timer.cancelled = true
    }
  }

  #dropCancelled(): void {
    while (this.#heap[0]?.cancelled) {
      this.#pop()
    }
  }

  #push(timer: Timer): void {
    const heap = this.#heap
    heap.push(timer)
    let i = heap.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      const p = heap[parent] as Timer
      if (!before(timer, p)) {
        break
      }
      heap[i] = p
      i = parent
    }
    heap[i] = timer
  }

  #pop(): Timer {
    const heap = this.#heap
    const top = heap[0] as Timer
    const last = heap.pop() as Timer
    if (heap.length > 0) {
      let i = 0
      for (;;) {
        const left = 2 * i + 1
        if (left >= heap.length) {
          break
        }
        const right = left + 1
        const child =
          right < heap.length && before(heap[right] as Timer, heap[left] as Timer) ? right : left
        if (!before(heap[child] as Timer, last)) {
          break
        }
        heap[i] = heap[child] as Timer
        i = child
      }
      heap[i] = last
    }
    return top
  }
}
