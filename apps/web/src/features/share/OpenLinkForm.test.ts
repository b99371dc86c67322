import { describe, expect, it } from 'vitest'

import { fragmentOfPasted } from './OpenLinkForm.tsx'

describe('fragmentOfPasted', () => {
  it('[UX-7] reads only the fragment of a pasted link', () => {
    expect(fragmentOfPasted('  https://example.org/?x=1#abc \n')).toBe('#abc')
    expect(fragmentOfPasted('#abc')).toBe('#abc')
    expect(fragmentOfPasted('https://example.org/')).toBeNull()
    expect(fragmentOfPasted('https://example.org/#')).toBeNull()
  })
})
