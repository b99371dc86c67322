import { DEFAULT_ENGINE_CONFIG } from '@swarmdrop/engine'
import type { EngineConfig } from '@swarmdrop/engine'

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/** The config fields a URL can set: numbers only (policies stay in code). */
type NumericConfigKey = {
  [K in keyof EngineConfig]: EngineConfig[K] extends number ? K : never
}[keyof EngineConfig]

interface QueryParameter {
  readonly key: NumericConfigKey
  readonly min: number
  readonly max: number
}

/** Longest interval accepted from a URL: an hour is already far past any sensible round. */
const MAX_INTERVAL_MS = 3_600_000
/** Below this a timer floods the page; tests run fine at a few hundred ms. */
const MIN_INTERVAL_MS = 50

/**
 * Query parameters that tune the engine, so tests can run choking rounds in seconds
 * (`/?rechoke=1000&optimistic=3000#<swarmId>`), and cap the upload (`up`, bytes/s).
 */
export const ENGINE_QUERY_PARAMETERS: Readonly<Record<string, QueryParameter>> = {
  rechoke: { key: 'rechokeIntervalMs', min: MIN_INTERVAL_MS, max: MAX_INTERVAL_MS },
  optimistic: { key: 'optimisticIntervalMs', min: MIN_INTERVAL_MS, max: MAX_INTERVAL_MS },
  slots: { key: 'uploadSlots', min: 1, max: 64 },
  stats: { key: 'statsIntervalMs', min: MIN_INTERVAL_MS, max: MAX_INTERVAL_MS },
  // Upload cap in bytes per second (0 = none); benches cap each tab to set the swarm's pace.
  up: { key: 'uploadLimitBps', min: 0, max: 1_000_000_000 },
}

/**
 * Parameters that are this tab's own settings rather than the swarm's: a share link leaves them
 * out, so a seeder's upload cap or the UI's batching switch never reaches the downloaders.
 */
export const PERSONAL_QUERY_PARAMETERS: readonly string[] = ['up', 'batch']

/**
 * Whether the UI batches hot engine events (`?batch=0` turns it off: the unbatched baseline that
 * `npm run bench:ui` measures against).
 */
export function uiBatchingFromQuery(search: string): boolean {
  return new URLSearchParams(search).get('batch') !== '0'
}

/**
 * Reads engine overrides from a query string. Anything that is not a whole number within its
 * bounds is ignored (the link may have been mangled; the defaults are always safe).
 * @param search `location.search`, with or without the leading '?'
 * @returns only the overridden fields
 */
export function engineOverridesFromQuery(search: string): Partial<EngineConfig> {
  const params = new URLSearchParams(search)
  const overrides: Partial<Mutable<EngineConfig>> = {}
  for (const [name, { key, min, max }] of Object.entries(ENGINE_QUERY_PARAMETERS)) {
    const raw = params.get(name)
    if (raw === null || !/^\d{1,10}$/.test(raw.trim())) {
      continue
    }
    const value = Number(raw.trim())
    if (value >= min && value <= max) {
      overrides[key] = value
    }
  }
  return overrides
}

/** The engine config for a page: query overrides layered over DEFAULT_ENGINE_CONFIG. */
export function engineConfigFromQuery(search: string): EngineConfig {
  return { ...DEFAULT_ENGINE_CONFIG, ...engineOverridesFromQuery(search) }
}
