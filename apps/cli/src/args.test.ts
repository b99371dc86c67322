import { describe, expect, it } from 'vitest'

import {
  DEFAULT_TRACKER_URL,
  UsageError,
  parseCommandLine,
  parseDuration,
  parseRate,
} from './args.ts'

const LINK = `http://localhost:8080/#${'a'.repeat(64)}`

describe('command line', () => {
  it('[CL-1] seed takes paths and a tracker, defaulting to SWARMDROP_TRACKER then localhost:8080', () => {
    expect(parseCommandLine(['seed', 'a', 'b'])).toMatchObject({
      kind: 'seed',
      paths: ['a', 'b'],
      trackerUrl: DEFAULT_TRACKER_URL,
      output: 'human',
    })
    expect(parseCommandLine(['seed', 'a'], { SWARMDROP_TRACKER: 'http://t:1' })).toMatchObject({
      trackerUrl: 'http://t:1',
    })
    expect(
      parseCommandLine(['seed', 'a', '--tracker', 'http://x:2'], {
        SWARMDROP_TRACKER: 'http://t:1',
      }),
    ).toMatchObject({ trackerUrl: 'http://x:2' })
  })

  it('[CL-1] get takes one link, -o DIR (default .) and --seed', () => {
    expect(parseCommandLine(['get', LINK])).toMatchObject({
      kind: 'get',
      link: LINK,
      outDir: '.',
      seed: false,
    })
    expect(parseCommandLine(['get', LINK, '-o', 'd', '--seed'])).toMatchObject({
      outDir: 'd',
      seed: true,
    })
    expect(parseCommandLine(['get', '--out=d', LINK])).toMatchObject({ outDir: 'd' })
  })

  it('[CL-4] --json, --quiet, --up, --down and --timeout', () => {
    expect(
      parseCommandLine(['get', LINK, '--json', '--up', '500k', '--down', '2M', '--timeout', '5m']),
    ).toMatchObject({
      output: 'json',
      upBps: 512_000,
      downBps: 2 * 1024 * 1024,
      timeoutMs: 300_000,
    })
    expect(parseCommandLine(['seed', 'f', '-q'])).toMatchObject({
      output: 'quiet',
      timeoutMs: null,
    })
  })

  it('[CL-2] refuses what cannot run with a UsageError (exit 2)', () => {
    for (const argv of [
      [],
      ['fetch', LINK],
      ['seed'],
      ['get'],
      ['get', LINK, LINK],
      ['get', LINK, '--bogus'],
      ['get', LINK, '--tracker', 'http://x'],
      ['seed', 'f', '-o', 'd'],
      ['seed', 'f', '--json', '--quiet'],
      ['get', LINK, '--up', 'fast'],
      ['get', LINK, '--timeout', '0'],
    ]) {
      expect(() => parseCommandLine(argv), argv.join(' ')).toThrow(UsageError)
    }
    expect(parseCommandLine(['--help'])).toEqual({ kind: 'help' })
  })

  it('[CL-15] seed --new-link; refused on get', () => {
    expect(parseCommandLine(['seed', 'f'])).toMatchObject({ newLink: false })
    expect(parseCommandLine(['seed', 'f', '--new-link'])).toMatchObject({ newLink: true })
    expect(() => parseCommandLine(['get', LINK, '--new-link'])).toThrow(UsageError)
  })

  it('[CL-16] --password, else SWARMDROP_PASSWORD (empty = unset); an empty flag is bad usage', () => {
    expect(parseCommandLine(['seed', 'f'])).toMatchObject({ password: null })
    expect(parseCommandLine(['seed', 'f', '--password', 'pw'])).toMatchObject({
      password: 'pw',
      passwordFromFlag: true,
    })
    expect(parseCommandLine(['get', LINK], { SWARMDROP_PASSWORD: 'env' })).toMatchObject({
      password: 'env',
      passwordFromFlag: false,
    })
    expect(
      parseCommandLine(['get', LINK, '--password', 'flag'], { SWARMDROP_PASSWORD: 'env' }),
    ).toMatchObject({ password: 'flag' })
    expect(parseCommandLine(['get', LINK], { SWARMDROP_PASSWORD: '' })).toMatchObject({
      password: null,
    })
    expect(() => parseCommandLine(['seed', 'f', '--password', ''])).toThrow(UsageError)
  })

  it('reads rates in binary units and durations in s, m, h', () => {
    expect(parseRate('1048576', '--up')).toBe(1_048_576)
    expect(parseRate('1.5MB/s', '--up')).toBe(1_572_864)
    expect(parseRate('0', '--up')).toBe(0)
    expect(parseDuration('90', '--timeout')).toBe(90_000)
    expect(parseDuration('250ms', '--timeout')).toBe(250)
    expect(parseDuration('1h', '--timeout')).toBe(3_600_000)
  })
})
