import { parseArgs } from 'node:util'

/** Exit codes (SPEC CL-2): 0 done, 1 failure, 2 bad usage or a bad link. */
export const EXIT_OK = 0
export const EXIT_FAILURE = 1
export const EXIT_USAGE = 2

/** The tracker `seed` announces to when neither `--tracker` nor SWARMDROP_TRACKER says (CL-1). */
export const DEFAULT_TRACKER_URL = 'http://localhost:8080'

/** How the command reports: a live line for people, JSON lines for scripts, or errors only. */
export type OutputMode = 'human' | 'json' | 'quiet'

/** Flags both commands take. */
export interface CommonOptions {
  readonly output: OutputMode
  /** Upload cap, bytes/s; 0 = unlimited. */
  readonly upBps: number
  /** Download cap, bytes/s; 0 = unlimited. */
  readonly downBps: number
  /** Give up (exit 1) after this long without finishing; null = never. */
  readonly timeoutMs: number | null
  /**
   * The share's password (SPEC CL-16): `--password`, else SWARMDROP_PASSWORD (kept out of shell
   * history and ps); null = none. An empty SWARMDROP_PASSWORD counts as unset.
   */
  readonly password: string | null
  /** Whether the password came from `--password` (get refuses it for a `#2.` link, CL-16). */
  readonly passwordFromFlag: boolean
}

/** A parsed command line. */
export type Command =
  | ({
      readonly kind: 'seed'
      readonly paths: readonly string[]
      readonly trackerUrl: string
      /** Share under a fresh salt, so a link unrelated to earlier ones (CL-15). */
      readonly newLink: boolean
    } & CommonOptions)
  | ({
      readonly kind: 'get'
      readonly link: string
      readonly outDir: string
      /** Keep seeding once complete instead of exiting 0. */
      readonly seed: boolean
    } & CommonOptions)
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }

/** A command line that cannot be run: the message is for the user, the exit code is 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}

export const USAGE = `Usage:
  swarmdrop seed <file or folder>… [--tracker URL]   share files; prints the link, seeds until Ctrl-C
  swarmdrop get <link> [-o DIR] [--seed]            download a link into DIR (default .)

Options:
  --tracker URL   tracker for seed (default $SWARMDROP_TRACKER or ${DEFAULT_TRACKER_URL})
  --new-link      seed: a fresh link for these files (else the same files, unchanged, get the
                  link they had last time; remembered in $XDG_STATE_HOME/swarmdrop)
  --password PW   seed: require a password (the link becomes #2p.); get: the password of a
                  #2p. link. Prefer SWARMDROP_PASSWORD=PW: it stays out of shell history and ps
  -o, --out DIR   where get writes (created if missing); re-run to resume
  --seed          get: keep seeding once complete
  --up RATE       upload cap, e.g. 500k, 2M (bytes per second; 0 = unlimited)
  --down RATE     download cap, same units
  --timeout TIME  give up with exit 1 if not done in time, e.g. 90, 30s, 5m
  --json          one JSON object per line (progress, peers, done, error)
  --quiet         print only the link (seed) and errors
  -h, --help      this text

Exit codes: 0 done, 1 failure, 2 bad usage or bad link.`

const UNITS: Readonly<Record<string, number>> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }

/** "500k", "2M", "1.5MB", "1048576" → bytes per second (binary units; 0 = unlimited). */
export function parseRate(text: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?(?:\/s)?$/i.exec(text.trim())
  if (match?.[1] === undefined) {
    throw new UsageError(
      `${flag} takes a rate such as 500k or 2M (bytes per second), not "${text}"`,
    )
  }
  return Math.round(Number(match[1]) * (UNITS[(match[2] ?? '').toLowerCase()] ?? 1))
}

/** "90", "30s", "5m", "1h" → milliseconds. */
export function parseDuration(text: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/i.exec(text.trim())
  if (match?.[1] === undefined) {
    throw new UsageError(`${flag} takes a duration such as 90, 30s or 5m, not "${text}"`)
  }
  const unit = (match[2] ?? 's').toLowerCase()
  const factor = unit === 'ms' ? 1 : unit === 's' ? 1_000 : unit === 'm' ? 60_000 : 3_600_000
  const ms = Math.round(Number(match[1]) * factor)
  if (ms <= 0) {
    throw new UsageError(`${flag} must be longer than 0`)
  }
  return ms
}

/**
 * Parses `argv` (without node and the script) into a Command (SPEC CL-1, CL-2), with node:util's
 * parseArgs in strict mode so an unknown flag is an error, never silently ignored. Throws
 * UsageError on anything that cannot run. `env` supplies SWARMDROP_TRACKER.
 */
export function parseCommandLine(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): Command {
  let parsed
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        tracker: { type: 'string' },
        'new-link': { type: 'boolean' },
        password: { type: 'string' },
        out: { type: 'string', short: 'o' },
        seed: { type: 'boolean' },
        up: { type: 'string' },
        down: { type: 'string' },
        timeout: { type: 'string' },
        json: { type: 'boolean' },
        quiet: { type: 'boolean', short: 'q' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
    })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const { values, positionals } = parsed
  if (values.help === true) {
    return { kind: 'help' }
  }
  if (values.version === true) {
    return { kind: 'version' }
  }
  const [verb, ...rest] = positionals
  if (values.json === true && values.quiet === true) {
    throw new UsageError('--json and --quiet cannot be used together')
  }
  if (values.password === '') {
    throw new UsageError('--password cannot be empty')
  }
  const envPassword = env['SWARMDROP_PASSWORD']
  const password =
    values.password ?? (envPassword === undefined || envPassword === '' ? null : envPassword)
  const common: CommonOptions = {
    password,
    passwordFromFlag: values.password !== undefined,
    output: values.json === true ? 'json' : values.quiet === true ? 'quiet' : 'human',
    upBps: values.up === undefined ? 0 : parseRate(values.up, '--up'),
    downBps: values.down === undefined ? 0 : parseRate(values.down, '--down'),
    timeoutMs: values.timeout === undefined ? null : parseDuration(values.timeout, '--timeout'),
  }
  switch (verb) {
    case 'seed': {
      if (rest.length === 0) {
        throw new UsageError('seed needs at least one file or folder')
      }
      for (const flag of ['out', 'seed'] as const) {
        if (values[flag] !== undefined) {
          throw new UsageError(`--${flag} is for get, not seed`)
        }
      }
      const trackerUrl = values.tracker ?? env['SWARMDROP_TRACKER'] ?? DEFAULT_TRACKER_URL
      return {
        kind: 'seed',
        paths: rest,
        trackerUrl,
        newLink: values['new-link'] === true,
        ...common,
      }
    }
    case 'get': {
      const [link, ...extra] = rest
      if (link === undefined) {
        throw new UsageError('get needs a link')
      }
      if (extra.length > 0) {
        throw new UsageError(`get takes one link, got ${rest.length} arguments`)
      }
      if (values.tracker !== undefined) {
        throw new UsageError('get takes the tracker from the link; --tracker is for seed')
      }
      if (values['new-link'] !== undefined) {
        throw new UsageError('--new-link is for seed, not get')
      }
      return { kind: 'get', link, outDir: values.out ?? '.', seed: values.seed === true, ...common }
    }
    case undefined:
      throw new UsageError('missing command: seed or get')
    default:
      throw new UsageError(`unknown command "${verb}": use seed or get`)
  }
}
