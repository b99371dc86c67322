import { webCryptoHasher } from '@swarmdrop/webrtc'
import { describe, expect, it } from 'vitest'

import type { SaltStorage } from './share-salt.ts'
import { shareSalt } from './share-salt.ts'

const memory = (): SaltStorage & { readonly map: Map<string, string> } => {
  const map = new Map<string, string>()
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) }
}
const subject = (lastModified = 1) => ({
  files: [{ name: 'holiday.mov', size: 1234, lastModified }],
})

describe('share salt (SPEC MD-10)', () => {
  it('[MD-10] the same files get the same salt again, and "fresh" a new one', async () => {
    const storage = memory()
    const first = await shareSalt(subject(), webCryptoHasher, { storage })
    expect(first).toHaveLength(16)
    expect(await shareSalt(subject(), webCryptoHasher, { storage })).toEqual(first)
    const fresh = await shareSalt(subject(), webCryptoHasher, { storage, fresh: true })
    expect(fresh).not.toEqual(first)
    // The new one is what a reload gets from now on.
    expect(await shareSalt(subject(), webCryptoHasher, { storage })).toEqual(fresh)
  })

  it('[MD-10] another modification time is another file, and no name is stored in the clear', async () => {
    const storage = memory()
    const a = await shareSalt(subject(1), webCryptoHasher, { storage })
    const b = await shareSalt(subject(2), webCryptoHasher, { storage })
    expect(a).not.toEqual(b)
    expect([...storage.map.keys()].join()).not.toContain('holiday')
  })

  it('[MD-10] works without storage (a fresh salt every time)', async () => {
    const a = await shareSalt(subject(), webCryptoHasher, { storage: null })
    const b = await shareSalt(subject(), webCryptoHasher, { storage: null })
    expect(a).not.toEqual(b)
  })
})
