import { describe, expect, it } from 'vitest'

import { parseIceUrl } from './ice-url.ts'

describe('parseIceUrl', () => {
  it('[IC-6] accepts the STUN and TURN URLs of RFC 7064 and RFC 7065', () => {
    expect(parseIceUrl('stun:stun.l.google.com:19302')).toEqual({
      scheme: 'stun',
      host: 'stun.l.google.com',
      port: 19_302,
      transport: null,
    })
    expect(parseIceUrl('turns:turn.example.org:443?transport=tcp')).toEqual({
      scheme: 'turns',
      host: 'turn.example.org',
      port: 443,
      transport: 'tcp',
    })
    expect(parseIceUrl('turn:192.0.2.7?transport=udp')).toMatchObject({ port: null })
    expect(parseIceUrl('stuns:[2001:db8::1]:5349')).toMatchObject({ host: '[2001:db8::1]' })
    expect(parseIceUrl('turn:[::ffff:192.0.2.1]')).toMatchObject({ scheme: 'turn' })
  })

  it('[IC-6] says what is wrong with a malformed URL', () => {
    const bad: Record<string, string> = {
      'stun://stun.example.org': 'is not a stun:',
      'http://example.org': 'is not a stun:',
      'stun:': 'is not a stun:',
      'turn:user@turn.example.org': 'is not a stun:',
      'turn:turn.example.org/path': 'is not a stun:',
      'turn:turn.example.org?transport=sctp': 'is not a stun:',
      ' stun:example.org': 'is not a stun:',
      'stun:example.org:0': 'port outside',
      'stun:example.org:70000': 'port outside',
      'stun:-bad-.example.org': 'malformed host',
      'stun:a..b': 'malformed host',
      'stun:300.1.2.3': 'malformed host',
      'stun:1.2.3': 'malformed host',
      'stun:[1:2:3]': 'malformed host',
      'stun:[1::2::3]': 'malformed host',
      'stun:example.org?transport=udp': 'only TURN URLs',
    }
    for (const [url, reason] of Object.entries(bad)) {
      expect(parseIceUrl(url), url).toEqual(expect.stringContaining(reason))
    }
  })
})
