/** Where "hide my IP address" is remembered (CONTRACT.md, SPEC NET-2). */
export const RELAY_ONLY_STORAGE_KEY = 'swarmdrop.relayOnly'

/** The part of Web Storage the setting uses; null where storage is unavailable. */
export type SettingStorage = Pick<Storage, 'getItem' | 'setItem'> | null

/**
 * This tab's relay-only choice at load: `?relay=1` / `?relay=0` decide for this tab, otherwise
 * the remembered choice, otherwise off (SPEC NET-2).
 */
export function initialRelayOnly(search: string, storage: SettingStorage): boolean {
  const query = new URLSearchParams(search).get('relay')
  if (query === '1' || query === '0') {
    return query === '1'
  }
  try {
    return storage?.getItem(RELAY_ONLY_STORAGE_KEY) === 'true'
  } catch {
    // Storage may refuse access (blocked cookies, sandboxed frames): the choice is then off.
    return false
  }
}

/** Remembers the choice for the next visit; a browser that refuses storage keeps it for the tab. */
export function rememberRelayOnly(storage: SettingStorage, relayOnly: boolean): void {
  try {
    storage?.setItem(RELAY_ONLY_STORAGE_KEY, String(relayOnly))
  } catch {
    // See initialRelayOnly: nothing to do but keep it in this tab.
  }
}

/** The page's local storage, or null where even reaching it throws. */
export function pageStorage(): SettingStorage {
  try {
    return globalThis.localStorage ?? null
  } catch {
    return null
  }
}
