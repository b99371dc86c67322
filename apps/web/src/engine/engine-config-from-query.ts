import { DEFAULT_ENGINE_CONFIG } from '@swarmdrop/engine'
import type { EngineConfig } from '@swarmdrop/engine'

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

interface QueryParameter {
  readonly key: keyof EngineConfig
  readonly min: number
  readonly max: number
}

/** Longest interval accepted from a URL: an hour is already far past any sensible round. */
const MAX_INTERVAL_MS = 3_600_000
/** Below this a timer floods the page; tests run fine at a few hundred ms. */
const MIN_INTERVAL_MS = 50

/**
 * Query parameters that tune the engine, so tests can run choking rounds in seconds
 * (`/?rechoke=1000&optimistic=3000#<swarmId>`).
 */
export const ENGINE_QUERY_PARAMETERS: Readonly<Record<string, QueryParameter>> = {
  rechoke: { key: 'rechokeIntervalMs', min: MIN_INTERVAL_MS, max: MAX_INTERVAL_MS },
  optimistic: { key: 'optimisticIntervalMs', min: MIN_INTERVAL_MS, max: MAX_INTERVAL_MS },
  slots: { key: 'uploadSlots', min: 1, max: 64 },
  stats: { key: 'statsIntervalMs', min: MIN_INTERVAL_MS, max: MAX_INTERVAL_MS },
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
