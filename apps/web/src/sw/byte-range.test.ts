import { describe, expect, it } from 'vitest'

import { contentRange, parseRange, parseStreamPath, streamPath } from './byte-range.ts'

describe('parseRange', () => {
  it('[ST-1] no header or a header that is not a single bytes range: the whole body', () => {
    expect(parseRange(null, 100)).toEqual({ kind: 'whole' })
    expect(parseRange('items=0-5', 100)).toEqual({ kind: 'whole' })
    expect(parseRange('bytes=0-5,10-20', 100)).toEqual({ kind: 'whole' })
  })

  it('[ST-1] a closed, an open and a suffix range', () => {
    expect(parseRange('bytes=10-19', 100)).toEqual({
      kind: 'partial',
      range: { start: 10, end: 19 },
    })
    expect(parseRange('bytes=90-', 100)).toEqual({ kind: 'partial', range: { start: 90, end: 99 } })
    expect(parseRange('bytes=-30', 100)).toEqual({ kind: 'partial', range: { start: 70, end: 99 } })
    expect(parseRange('bytes=-300', 100)).toEqual({ kind: 'partial', range: { start: 0, end: 99 } })
  })

  it('[ST-1] an end past the size is cut to the last byte', () => {
    expect(parseRange('bytes=50-5000', 100)).toEqual({
      kind: 'partial',
      range: { start: 50, end: 99 },
    })
  })

  it('[ST-1] a start at or past the end is unsatisfiable (416)', () => {
    expect(parseRange('bytes=100-', 100)).toEqual({ kind: 'unsatisfiable' })
    expect(parseRange('bytes=500-600', 100)).toEqual({ kind: 'unsatisfiable' })
    expect(parseRange('bytes=20-10', 100)).toEqual({ kind: 'unsatisfiable' })
    expect(parseRange('bytes=-0', 100)).toEqual({ kind: 'unsatisfiable' })
  })

  it('[ST-1] a long range is cut to the most one response carries', () => {
    expect(parseRange('bytes=0-', 1000, 64)).toEqual({
      kind: 'partial',
      range: { start: 0, end: 63 },
    })
  })

  it('[ST-1] Content-Range of a 206 and of a 416', () => {
    expect(contentRange({ start: 0, end: 9 }, 100)).toBe('bytes 0-9/100')
    expect(contentRange(null, 100)).toBe('bytes */100')
  })
})

describe('stream paths', () => {
  it('[ST-1] a stream URL round-trips; anything else is not one', () => {
    expect(parseStreamPath(streamPath('abc_D-9', 3, 'my film.webm'))).toEqual({
      swarmId: 'abc_D-9',
      fileIndex: 3,
    })
    expect(parseStreamPath('/stream/abc')).toBeNull()
    expect(parseStreamPath('/streams/abc/1/x')).toBeNull()
    expect(parseStreamPath('/stream/a b/1/x')).toBeNull()
  })
})
