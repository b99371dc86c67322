import { createHmac, hkdfSync, pbkdf2Sync } from 'node:crypto'

import { nodeCrypto } from '@swarmdrop/testkit'
import { describe, expect, it } from 'vitest'

import { toHex } from './bytes.ts'
import type { SwarmId } from './ids.ts'
import type { ProofInput } from './keys.ts'
import {
  PASSWORD_ITERATIONS,
  checkProof,
  deriveSwarmKeys,
  discoveryIdOf,
  makeProof,
  proofTranscript,
} from './keys.ts'

const ID = `${'0f'.repeat(16)}${'e1'.repeat(16)}` as SwarmId
const SECRET = Buffer.from(ID, 'hex')
/** Independent HKDF (node:crypto directly), to pin the vectors below once. */
const hkdf = (ikm: Uint8Array, info: string, length: number): string =>
  Buffer.from(hkdfSync('sha256', ikm, Buffer.alloc(0), Buffer.from(info), length)).toString('hex')

/** Pinned: a change here changes every discovery id and every proof, so it needs a new version. */
const VECTORS = {
  discovery: '7166355a055402922d9565025b0f1ad11e311ff41b171d481ccb6e0f80f47f7b',
  linkKey: '5301de6fe76bfd6b29908c7e5762eae382d55b39f6d4360e94bf6ee7d9027284',
  passwordSalt: 'fba4af08e5a094647dadb77591263d60',
  pwKey: '60f089e632a3dfc62134f092de7ee9f51d8fd8a72899732c44bbde314e43e93c',
  passwordKey: '12e2036e6cc789ddb9a59afc88bad4ca59eef18c298f067802e480c283222582',
} as const

const nonceA = new Uint8Array(32).fill(0xa1)
const nonceB = new Uint8Array(32).fill(0xb2)
const FP_A = 'sha-256 aa:aa'
const FP_B = 'sha-256 bb:bb'
/** What A sends to B, with the fingerprints as A sees them. */
const fromA: ProofInput = {
  kind: 'link',
  sender: { nonce: nonceA, peerId: 'alice' },
  receiver: { nonce: nonceB, peerId: 'bob' },
  fingerprints: { local: FP_A, remote: FP_B },
}

describe('key schedule (SPEC PL-2, PL-5)', () => {
  it('[PL-2] the vectors are what an independent HKDF and PBKDF2 give', () => {
    expect(hkdf(SECRET, 'swarmdrop/2 discovery', 32)).toBe(VECTORS.discovery)
    expect(hkdf(SECRET, 'swarmdrop/2 link proof', 32)).toBe(VECTORS.linkKey)
    expect(hkdf(SECRET, 'swarmdrop/2 password salt', 16)).toBe(VECTORS.passwordSalt)
    const salt = Buffer.from(VECTORS.passwordSalt, 'hex')
    const pwKey = pbkdf2Sync('correct horse', salt, 600_000, 32, 'sha256')
    expect(pwKey.toString('hex')).toBe(VECTORS.pwKey)
    expect(hkdf(Buffer.concat([SECRET, pwKey]), 'swarmdrop/2 password proof', 32)).toBe(
      VECTORS.passwordKey,
    )
  })

  it('[PL-2] [PL-5] derives the pinned discovery id, link key and password key', async () => {
    expect(PASSWORD_ITERATIONS).toBeGreaterThanOrEqual(600_000)
    expect(await discoveryIdOf(ID, nodeCrypto)).toBe(VECTORS.discovery)
    const plain = await deriveSwarmKeys(ID, nodeCrypto)
    expect(plain.discoveryId).toBe(VECTORS.discovery)
    expect(toHex(plain.linkKey)).toBe(VECTORS.linkKey)
    expect(plain.passwordKey).toBeNull()
    const guarded = await deriveSwarmKeys(ID, nodeCrypto, 'correct horse')
    expect(guarded.discoveryId).toBe(VECTORS.discovery)
    expect(toHex(guarded.passwordKey ?? new Uint8Array())).toBe(VECTORS.passwordKey)
  })

  it('[PL-5] normalises the password to NFC, and an empty one is no password', async () => {
    const composed = await deriveSwarmKeys(ID, nodeCrypto, 'caf\u00e9')
    const decomposed = await deriveSwarmKeys(ID, nodeCrypto, 'cafe\u0301')
    expect(composed.passwordKey).toEqual(decomposed.passwordKey)
    expect((await deriveSwarmKeys(ID, nodeCrypto, '')).passwordKey).toBeNull()
  })

  it('[PL-2] the discovery id is not the swarm id, nor any key', async () => {
    const keys = await deriveSwarmKeys(ID, nodeCrypto)
    expect(keys.discoveryId).not.toBe(ID)
    expect(keys.discoveryId).not.toBe(toHex(keys.linkKey))
  })
})

describe('peer proof (SPEC PL-3, PL-4)', () => {
  it('[PL-4] the transcript is the documented layout, and the proof its HMAC-SHA-256', async () => {
    const ascii = (s: string): Buffer => Buffer.from(s, 'ascii')
    const expected = Buffer.concat([
      ascii('swarmdrop/2 proof transcript'),
      Buffer.of(1),
      nonceA,
      nonceB,
      Buffer.of(5),
      ascii('alice'),
      Buffer.of(3),
      ascii('bob'),
      Buffer.of(0, FP_A.length),
      ascii(FP_A),
      Buffer.of(0, FP_B.length),
      ascii(FP_B),
    ])
    expect(Buffer.from(proofTranscript(fromA)).equals(expected)).toBe(true)
    const key = Buffer.from(VECTORS.linkKey, 'hex')
    const proof = await makeProof(key, fromA, nodeCrypto)
    expect(toHex(proof)).toBe(createHmac('sha256', key).update(expected).digest('hex'))
  })

  it('[PL-4] the receiver accepts a proof it rebuilds from its own (swapped) view', async () => {
    const key = Buffer.from(VECTORS.linkKey, 'hex')
    const proof = await makeProof(key, fromA, nodeCrypto)
    // B sees local FP_B, remote FP_A: the sender's local is B's remote.
    const bView = { local: FP_B, remote: FP_A }
    const rebuilt = { ...fromA, fingerprints: { local: bView.remote, remote: bView.local } }
    expect(await checkProof(key, rebuilt, proof, nodeCrypto)).toBe(true)
  })

  const refuses = async (tampered: ProofInput): Promise<boolean> => {
    const key = Buffer.from(VECTORS.linkKey, 'hex')
    const proof = await makeProof(key, fromA, nodeCrypto)
    return !(await checkProof(key, tampered, proof, nodeCrypto))
  }

  it('[PL-4] refuses a tampered fingerprint (a man in the middle on either leg)', async () => {
    expect(
      await refuses({ ...fromA, fingerprints: { local: 'sha-256 cc:cc', remote: FP_B } }),
    ).toBe(true)
    expect(
      await refuses({ ...fromA, fingerprints: { local: FP_A, remote: 'sha-256 cc:cc' } }),
    ).toBe(true)
  })

  it('[PL-3] refuses a tampered nonce and a tampered peer id', async () => {
    const otherNonce = nonceB.map((b, i) => (i === 0 ? b ^ 1 : b))
    expect(await refuses({ ...fromA, receiver: { nonce: otherNonce, peerId: 'bob' } })).toBe(true)
    expect(await refuses({ ...fromA, sender: { nonce: otherNonce, peerId: 'alice' } })).toBe(true)
    expect(await refuses({ ...fromA, sender: { nonce: nonceA, peerId: 'mallory' } })).toBe(true)
    expect(await refuses({ ...fromA, receiver: { nonce: nonceB, peerId: 'mallory' } })).toBe(true)
  })

  it('[PL-3] refuses a proof replayed on another connection (fresh nonces) or reflected', async () => {
    const replayed = { ...fromA, receiver: { nonce: new Uint8Array(32).fill(0xc3), peerId: 'bob' } }
    expect(await refuses(replayed)).toBe(true)
    const reflected: ProofInput = {
      kind: 'link',
      sender: fromA.receiver,
      receiver: fromA.sender,
      fingerprints: { local: FP_B, remote: FP_A },
    }
    expect(await refuses(reflected)).toBe(true)
  })

  it('[PL-5] a link proof never verifies as a password proof', async () => {
    expect(await refuses({ ...fromA, kind: 'password' })).toBe(true)
  })

  it('[PL-5] password: right verifies, wrong and missing do not', async () => {
    const right = await deriveSwarmKeys(ID, nodeCrypto, 'correct horse')
    const wrong = await deriveSwarmKeys(ID, nodeCrypto, 'correct horse!')
    const none = await deriveSwarmKeys(ID, nodeCrypto)
    const input = { ...fromA, kind: 'password' as const }
    const proof = await makeProof(right.passwordKey ?? new Uint8Array(), input, nodeCrypto)
    expect(await checkProof(right.passwordKey ?? new Uint8Array(), input, proof, nodeCrypto)).toBe(
      true,
    )
    expect(await checkProof(wrong.passwordKey ?? new Uint8Array(), input, proof, nodeCrypto)).toBe(
      false,
    )
    // Missing: a peer without a password can only offer the link key, which is not the password key.
    expect(await checkProof(none.linkKey, input, proof, nodeCrypto)).toBe(false)
  })
})
