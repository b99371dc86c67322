import type { Hasher } from '@swarmdrop/protocol'
import { SALT_BYTES, fromBase64Url, toBase64Url } from '@swarmdrop/protocol'

/** Where salts are kept: localStorage in a tab, a Map in tests (the Storage methods used). */
export type SaltStorage = Pick<Storage, 'getItem' | 'setItem'>

/** Key prefix in localStorage; the version lets a new layout start afresh. */
const KEY_PREFIX = 'swarmdrop.salt.v1.'

/** What names a dropped selection: each file's path, size and modification time, in order. */
export interface SaltSubject {
  readonly files: readonly {
    readonly name: string
    readonly size: number
    readonly lastModified: number
  }[]
}

/**
 * The storage key of a selection (SPEC MD-10): a SHA-256 of its files' names, sizes and
 * modification times, so the tab's storage holds no file name in the clear.
 */
async function keyOf(subject: SaltSubject, hasher: Hasher): Promise<string> {
  const text = JSON.stringify(subject.files.map((f) => [f.name, f.size, f.lastModified]))
  return `${KEY_PREFIX}${toBase64Url(await hasher(new TextEncoder().encode(text)))}`
}

/**
 * The salt to share a selection with (SPEC MD-10): the one used for the same files before, so a
 * reloaded seeder dropping them again gets its old link back; a fresh random one the first time
 * or when `fresh` (the "New link" button), remembered for next time.
 */
export async function shareSalt(
  subject: SaltSubject,
  hasher: Hasher,
  options: { readonly fresh?: boolean; readonly storage?: SaltStorage | null } = {},
): Promise<Uint8Array> {
  const storage = options.storage === undefined ? defaultStorage() : options.storage
  const key = await keyOf(subject, hasher)
  const known = options.fresh === true ? null : readSalt(storage, key)
  if (known !== null) {
    return known
  }
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES))
  try {
    storage?.setItem(key, toBase64Url(salt))
  } catch {
    // A full or refused storage only costs the link's reuse after a reload.
  }
  return salt
}

function readSalt(storage: SaltStorage | null, key: string): Uint8Array | null {
  try {
    const text = storage?.getItem(key) ?? null
    const salt = text === null ? null : fromBase64Url(text)
    return salt !== null && salt.length === SALT_BYTES ? salt : null
  } catch {
    return null
  }
}

function defaultStorage(): SaltStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    // Storage disabled (some private modes throw on access).
    return null
  }
}
