/**
 * The salt `seed` shares with (SPEC MD-10, CL-15), remembered per set of files on disk, as the web
 * app's share-salt.ts remembers it per dropped selection: re-seeding the same unchanged files
 * prints the same link; `--new-link`, or any file changed, gives a fresh salt.
 *
 * This tracks, under `<state dir>/salts/`: one file per path set, named by a SHA-256 of each file's
 * resolved path, size and modification time (so no file name is stored in the clear), holding the
 * salt in base64url. One file per key, written by rename, so two seeds at once never lose each
 * other's salt.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { isAbsolute, join } from 'node:path'

import type { Hasher } from '@swarmdrop/protocol'
import { SALT_BYTES, fromBase64Url, toBase64Url } from '@swarmdrop/protocol'

/** A file of the share as the salt's key sees it. */
export interface SaltFile {
  /** Resolved absolute path. */
  readonly path: string
  readonly size: number
  readonly mtimeMs: number
}

/** The salt for a share, and why it could not be remembered (null when it was). */
export interface ShareSalt {
  readonly salt: Uint8Array
  readonly warning: string | null
}

/**
 * The CLI's state directory (XDG Base Directory): `$XDG_STATE_HOME/swarmdrop`, else
 * `~/.local/state/swarmdrop`. A relative XDG_STATE_HOME is ignored, as the XDG spec says.
 */
export function stateDir(
  env: Readonly<Record<string, string | undefined>>,
  home: string = homedir(),
): string {
  const xdg = env['XDG_STATE_HOME']
  const base = xdg !== undefined && isAbsolute(xdg) ? xdg : join(home, '.local', 'state')
  return join(base, 'swarmdrop')
}

/** The file name of a path set's salt: base64url SHA-256 of its files' paths, sizes and mtimes. */
async function keyOf(files: readonly SaltFile[], hasher: Hasher): Promise<string> {
  const text = JSON.stringify(files.map((f) => [f.path, f.size, f.mtimeMs]))
  return toBase64Url(await hasher(new TextEncoder().encode(text)))
}

async function readSalt(path: string): Promise<Uint8Array | null> {
  try {
    const salt = fromBase64Url((await readFile(path, 'utf8')).trim())
    return salt !== null && salt.length === SALT_BYTES ? salt : null
  } catch {
    // None yet, or unreadable or damaged: as good as none.
    return null
  }
}

/**
 * The salt to seed `files` with (SPEC CL-15): the one remembered for the same files (same paths,
 * sizes and modification times) in `dir`, else — or when `fresh` (`--new-link`) — a new random
 * one, remembered for next time. A state dir that cannot be written never stops seeding: the salt
 * is fresh and `warning` says why it will not be reused.
 * @param dir the state directory (stateDir()); the salts live in `dir/salts/`
 */
export async function shareSalt(
  files: readonly SaltFile[],
  hasher: Hasher,
  options: { readonly dir: string; readonly fresh: boolean },
): Promise<ShareSalt> {
  const saltsDir = join(options.dir, 'salts')
  const path = join(saltsDir, await keyOf(files, hasher))
  const known = options.fresh ? null : await readSalt(path)
  if (known !== null) {
    return { salt: known, warning: null }
  }
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES))
  try {
    await mkdir(saltsDir, { recursive: true, mode: 0o700 })
    const temp = `${path}.${process.pid}.tmp`
    await writeFile(temp, `${toBase64Url(salt)}\n`, { mode: 0o600 })
    await rename(temp, path)
    return { salt, warning: null }
  } catch (error) {
    return {
      salt,
      warning: `cannot remember this share's salt in ${saltsDir} (${(error as Error).message}); seeding anyway, but seeding these files again will print a different link`,
    }
  }
}
