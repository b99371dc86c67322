/**
 * How a command ends (SPEC CL-2, CL-12): it finishes itself (done, an error), or SIGINT/SIGTERM
 * or `--timeout` ends it. Whichever comes first wins; the command then leaves the swarm cleanly
 * (its stores close, so every verified piece is on disk) and exits with the code it was given.
 */
export interface Ending {
  readonly code: number
  readonly reason: string
  /** Ended from outside (a signal or the timeout) rather than by the command itself. */
  readonly external: boolean
}

/** A command's lifetime. */
export interface Session {
  /** Resolves with the first ending. */
  readonly ended: Promise<Ending>
  end(code: number, reason: string): void
  /** Removes the signal handlers and the timer. */
  dispose(): void
}

/**
 * Starts a session: SIGINT and SIGTERM end it with `signalCode`; `timeoutMs` (when not null)
 * ends it with `timeoutCode`.
 */
export function startSession(options: {
  readonly timeoutMs: number | null
  readonly signalCode: () => number
  readonly timeoutCode: number
}): Session {
  let resolve: (ending: Ending) => void = () => undefined
  let done = false
  const ended = new Promise<Ending>((r) => {
    resolve = r
  })
  const finish = (ending: Ending): void => {
    if (!done) {
      done = true
      resolve(ending)
    }
  }
  const onSignal = (signal: NodeJS.Signals): void =>
    finish({ code: options.signalCode(), reason: signal, external: true })
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  const timer =
    options.timeoutMs === null
      ? null
      : setTimeout(
          () =>
            finish({
              code: options.timeoutCode,
              reason: `timed out after ${options.timeoutMs} ms`,
              external: true,
            }),
          options.timeoutMs,
        )
  return {
    ended,
    end: (code, reason) => finish({ code, reason, external: false }),
    dispose() {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
      if (timer !== null) {
        clearTimeout(timer)
      }
    },
  }
}
