import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { SALT_BYTES } from '@swarmdrop/protocol'
import { webCryptoHasher } from '@swarmdrop/webrtc'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type SaltFile, shareSalt, stateDir } from './salt-store.ts'

let work: string
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'swarmdrop-salt-'))
})
afterAll(async () => {
  await rm(work, { recursive: true, force: true })
})

const files: SaltFile[] = [
  { path: '/home/u/secret-report.pdf', size: 1_000, mtimeMs: 1_700_000_000_000.5 },
  { path: '/home/u/notes.txt', size: 12, mtimeMs: 1_700_000_001_000 },
]

describe('salt store (SPEC CL-15)', () => {
  it('[CL-15] the state dir is $XDG_STATE_HOME/swarmdrop, else ~/.local/state/swarmdrop', () => {
    expect(stateDir({ XDG_STATE_HOME: '/x/state' }, '/home/u')).toBe('/x/state/swarmdrop')
    expect(stateDir({}, '/home/u')).toBe('/home/u/.local/state/swarmdrop')
    // A relative XDG_STATE_HOME is ignored (XDG Base Directory spec).
    expect(stateDir({ XDG_STATE_HOME: 'rel' }, '/home/u')).toBe('/home/u/.local/state/swarmdrop')
  })

  it('[CL-15][MD-10] the same files give the same salt, remembered without a file name', async () => {
    const dir = join(work, 'same')
    const first = await shareSalt(files, webCryptoHasher, { dir, fresh: false })
    const again = await shareSalt(files, webCryptoHasher, { dir, fresh: false })
    expect(first.salt).toHaveLength(SALT_BYTES)
    expect(first.warning).toBeNull()
    expect(again.salt).toEqual(first.salt)
    const names = await readdir(join(dir, 'salts'))
    expect(names).toHaveLength(1)
    const stored = `${names.join()}${await readFile(join(dir, 'salts', names[0] ?? ''), 'utf8')}`
    expect(stored).not.toMatch(/secret|report|notes|home/)
  })

  it('[CL-15] a changed modification time, size or path gives a new salt', async () => {
    const dir = join(work, 'changed')
    const { salt } = await shareSalt(files, webCryptoHasher, { dir, fresh: false })
    const [a, b] = files as [SaltFile, SaltFile]
    for (const changed of [
      [{ ...a, mtimeMs: a.mtimeMs + 1 }, b],
      [{ ...a, size: a.size + 1 }, b],
      [{ ...a, path: '/home/u/other.pdf' }, b],
      [b, a],
    ]) {
      expect((await shareSalt(changed, webCryptoHasher, { dir, fresh: false })).salt).not.toEqual(
        salt,
      )
    }
    expect((await shareSalt(files, webCryptoHasher, { dir, fresh: false })).salt).toEqual(salt)
  })

  it('[CL-15] --new-link makes a fresh salt and remembers it for next time', async () => {
    const dir = join(work, 'fresh')
    const old = await shareSalt(files, webCryptoHasher, { dir, fresh: false })
    const fresh = await shareSalt(files, webCryptoHasher, { dir, fresh: true })
    expect(fresh.salt).not.toEqual(old.salt)
    expect((await shareSalt(files, webCryptoHasher, { dir, fresh: false })).salt).toEqual(
      fresh.salt,
    )
  })

  it('[CL-15] an unwritable state dir still gives a salt, with a warning', async () => {
    // A regular file where the directory should be: ENOTDIR, even for root.
    const blocker = join(work, 'blocker')
    await writeFile(blocker, '')
    const dir = join(blocker, 'swarmdrop')
    const first = await shareSalt(files, webCryptoHasher, { dir, fresh: false })
    expect(first.salt).toHaveLength(SALT_BYTES)
    expect(first.warning).toMatch(/cannot remember this share's salt/)
    const second = await shareSalt(files, webCryptoHasher, { dir, fresh: false })
    expect(second.salt).not.toEqual(first.salt)
  })

  it('[CL-15] a damaged salt file counts as none and is replaced', async () => {
    const dir = join(work, 'damaged')
    await shareSalt(files, webCryptoHasher, { dir, fresh: false })
    const [name] = await readdir(join(dir, 'salts'))
    await writeFile(join(dir, 'salts', name ?? ''), 'not base64!')
    const next = await shareSalt(files, webCryptoHasher, { dir, fresh: false })
    expect(next.salt).toHaveLength(SALT_BYTES)
    expect((await shareSalt(files, webCryptoHasher, { dir, fresh: false })).salt).toEqual(next.salt)
  })
})
