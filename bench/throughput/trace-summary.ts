// Reads a Chromium trace (Playwright's browser.startTracing) and splits each renderer main thread's
// time by trace event, self time only, so "(program)" in a CPU profile gets names: message
// dispatch, style, layout, paint, GC, timers.

interface TraceEvent {
  readonly name: string
  readonly ph: string
  readonly pid: number
  readonly tid: number
  readonly ts: number
  readonly dur?: number
  readonly args?: {
    readonly name?: string
    readonly data?: {
      readonly frames?: readonly { readonly processId?: number; readonly url?: string }[]
    }
  }
}

/** Self time by event name for one renderer main thread. */
export interface ThreadSummary {
  readonly pid: number
  readonly url: string
  readonly windowMs: number
  readonly busyMs: number
  readonly selfMs: ReadonlyMap<string, number>
}

/** Top-level task names: their total duration is the thread's busy time. */
const TASK_NAMES = new Set(['ThreadControllerImpl::RunTask', 'RunTask'])

/**
 * Summarises every renderer main thread in a trace.
 * @param json the trace file's text
 */
export function summariseTrace(json: string): ThreadSummary[] {
  const parsed = JSON.parse(json) as { traceEvents?: TraceEvent[] } | TraceEvent[]
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? [])
  const mains = new Map<string, number>()
  const urls = new Map<number, string>()
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain') {
      mains.set(`${e.pid}:${e.tid}`, e.pid)
    }
    for (const frame of e.args?.data?.frames ?? []) {
      if (frame.processId !== undefined && frame.url !== undefined) {
        urls.set(frame.processId, frame.url)
      }
    }
  }
  const summaries: ThreadSummary[] = []
  for (const [key, pid] of mains) {
    const spans = events
      .filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === key && e.dur !== undefined)
      .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0))
    if (spans.length === 0) {
      continue
    }
    const selfUs = new Map<string, number>()
    const stack: { end: number; name: string }[] = []
    let busyUs = 0
    for (const span of spans) {
      const dur = span.dur ?? 0
      while (stack.length > 0 && (stack.at(-1)?.end ?? 0) <= span.ts) {
        stack.pop()
      }
      const parent = stack.at(-1)
      if (parent) {
        // The child's time is not the parent's own.
        selfUs.set(parent.name, (selfUs.get(parent.name) ?? 0) - dur)
      } else if (TASK_NAMES.has(span.name)) {
        busyUs += dur
      }
      selfUs.set(span.name, (selfUs.get(span.name) ?? 0) + dur)
      stack.push({ end: span.ts + dur, name: span.name })
    }
    const first = spans[0]?.ts ?? 0
    const last = Math.max(...spans.map((s) => s.ts + (s.dur ?? 0)))
    summaries.push({
      pid,
      url: urls.get(pid) ?? '?',
      windowMs: (last - first) / 1000,
      busyMs: busyUs / 1000,
      selfMs: new Map([...selfUs].map(([name, us]) => [name, us / 1000])),
    })
  }
  return summaries
}
