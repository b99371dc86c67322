import type { Clock, Unsubscribe } from '@swarmdrop/protocol'

/** A pending timer: `callback(arg)` at `due`. */
interface Timer {
  seq: number
  due: number
  readonly intervalMs: number | null
  readonly callback: (arg: unknown) => void
  readonly arg: unknown
  cancelled: boolean
  /** Its slot in the heap, or -1 when it is not in the heap (fired, or dropped once cancelled). */
  index: number
}

/**
 * A one-shot timer of a ManualClock that is set again and again (an uplink's next send): moved
 * within the heap in place, where a cancel and a new setTimeout would leave a dead entry behind
 * and allocate a timer and a closure each time.
 */
export interface ReusableTimer {
  /** (Re)schedules it `delayMs` from now, ordered as a timer set now would be. */
  set(delayMs: number): void
  /** Cancels it if it is pending. */
  cancel(): void
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
 * cancelled timers are dropped lazily when they reach the top, and a ReusableTimer moves in place.
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
    return this.#cancelOf(this.#add(callback, undefined, Math.max(0, delayMs), null))
  }

  setInterval(callback: () => void, intervalMs: number): Unsubscribe {
    const every = Math.max(1, intervalMs)
    return this.#cancelOf(this.#add(callback, undefined, every, every))
  }

  /**
   * `setTimeout(() => callback(arg), delayMs)` that cannot be cancelled: no closure and no
   * Unsubscribe per call, for the in-memory network's one timer per delivered message.
   */
  post<T>(callback: (arg: T) => void, arg: T, delayMs: number): void {
    this.#add(callback as (arg: unknown) => void, arg, Math.max(0, delayMs), null)
  }

  /** A timer for `callback` that is not yet scheduled (see ReusableTimer). */
  reusableTimer(callback: () => void): ReusableTimer {
    const timer: Timer = {
      seq: 0,
      due: 0,
      intervalMs: null,
      callback,
      arg: undefined,
      cancelled: true,
      index: -1,
    }
    return {
      set: (delayMs) => {
        timer.seq = this.#seq++
        timer.due = this.#now + Math.max(0, delayMs)
        timer.cancelled = false
        if (timer.index < 0) {
          this.#push(timer)
        } else {
          // Later or earlier than before: sift from its slot (a fresh seq sorts after its equals).
          this.#siftUp(timer, this.#siftDown(timer, timer.index))
        }
      },
      cancel: () => {
        timer.cancelled = true
      },
    }
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
    timer.callback(timer.arg)
  }

  #add(
    callback: (arg: unknown) => void,
    arg: unknown,
    delayMs: number,
    intervalMs: number | null,
  ): Timer {
    const timer: Timer = {
      seq: this.#seq++,
      due: this.#now + delayMs,
      intervalMs,
      callback,
      arg,
      cancelled: false,
      index: -1,
    }
    this.#push(timer)
    return timer
  }

  #cancelOf(timer: Timer): Unsubscribe {
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
    this.#siftUp(timer, heap.length - 1)
  }

  /** Moves `timer`, which belongs at slot `i` or above, up to its place. @returns its slot */
  #siftUp(timer: Timer, i: number): number {
    const heap = this.#heap
    while (i > 0) {
      const parent = (i - 1) >> 1
      const p = heap[parent] as Timer
      if (!before(timer, p)) {
        break
      }
      heap[i] = p
      p.index = i
      i = parent
    }
    heap[i] = timer
    timer.index = i
    return i
  }

  /** Moves `timer`, which belongs at slot `i` or below, down to its place. @returns its slot */
  #siftDown(timer: Timer, i: number): number {
    const heap = this.#heap
    const length = heap.length
    for (;;) {
      const left = 2 * i + 1
      if (left >= length) {
        break
      }
      const right = left + 1
      const child =
        right < length && before(heap[right] as Timer, heap[left] as Timer) ? right : left
      const c = heap[child] as Timer
      if (!before(c, timer)) {
        break
      }
      heap[i] = c
      c.index = i
      i = child
    }
    heap[i] = timer
    timer.index = i
    return i
  }

  #pop(): Timer {
    const heap = this.#heap
    const top = heap[0] as Timer
    const last = heap.pop() as Timer
    top.index = -1
    if (heap.length > 0) {
      this.#siftDown(last, 0)
    }
    return top
  }
}
