import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'

import semver from 'semver'
import { describe, expect, it } from 'vitest'

/**
 * Each floor fixed a published crash or exhaustion advisory on the tracker's socket path. `npm
 * audit` is the authority, but its endpoint may be unreachable from a build machine; the lockfile
 * is not, so every copy the install resolves is checked here.
 */
const FLOORS: Readonly<Record<string, string>> = {
  'socket.io-parser': '4.2.7',
  'engine.io': '6.6.0',
  ws: '8.17.1',
}

interface Lockfile {
  readonly packages: Readonly<Record<string, { readonly version?: string }>>
}

const lockfile = async (): Promise<Lockfile> =>
  JSON.parse(
    await readFile(fileURLToPath(new URL('../../../package-lock.json', import.meta.url)), 'utf8'),
  ) as Lockfile

describe('dependency floors', () => {
  it('every resolved copy of socket.io-parser, engine.io and ws is at or above its floor', async () => {
    const { packages } = await lockfile()
    const resolved = Object.entries(packages).flatMap(([path, { version }]) => {
      const name = path.split('node_modules/').at(-1) ?? ''
      return name in FLOORS && version !== undefined ? [{ name, version }] : []
    })
    for (const name of Object.keys(FLOORS)) {
      expect(resolved.map((r) => r.name)).toContain(name)
    }
    const below = resolved.filter(({ name, version }) =>
      semver.lt(version, FLOORS[name] ?? '0.0.0'),
    )
    expect(below).toEqual([])
  })
})
