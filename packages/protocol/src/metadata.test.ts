import { webcrypto } from 'node:crypto'

import { describe, expect, it } from 'vitest'

import { ProtocolError } from './errors.ts'
import type { Metadata } from './metadata.ts'
import {
  HASH_BYTES,
  MAX_FILE_COUNT,
  MAX_PIECE_LENGTH_BYTES,
  SALT_BYTES,
  choosePieceLength,
  createMetadata,
  decodeMetadata,
  encodeMetadata,
  filesOf,
  pieceCount,
  pieceHash,
  pieceSize,
  swarmIdOf,
  verifyMetadata,
} from './metadata.ts'
import type { FileEntry } from './pieces/file-map.ts'
import type { Hasher } from './runtime.ts'

const sha256: Hasher = (bytes) =>
  webcrypto.subtle.digest('SHA-256', bytes).then((digest) => new Uint8Array(digest))

const KIB = 1024
const MIB = 1024 * KIB
const GIB = 1024 * MIB

function sample(overrides: Partial<Metadata> = {}): Metadata {
  const size = overrides.size ?? 200 * KIB
  const pieceLength = overrides.pieceLength ?? 64 * KIB
  const count = Math.ceil(size / pieceLength)
  return {
    name: 'holiday photo é 🌍.jpg',
    size,
    mimeType: 'image/jpeg',
    pieceLength,
    pieceHashes: Uint8Array.from({ length: count * HASH_BYTES }, (_, i) => i % 251),
    ...overrides,
  }
}

function metadataCode(attempt: () => unknown): string | undefined {
  try {
    attempt()
  } catch (error) {
    if (error instanceof ProtocolError) {
      return error.code
    }
    throw error
  }
  return undefined
}

/** Offsets of the fields in sample()'s encoding, from the documented layout. */
function offsets(meta: Metadata): { nameLength: number; mimeLength: number; size: number } {
  const nameBytes = Buffer.byteLength(meta.name)
  const nameLength = 5
  const mimeLength = nameLength + 1 + nameBytes
  return { nameLength, mimeLength, size: mimeLength + 1 + meta.mimeType.length }
}

describe('choosePieceLength', () => {
  it('[MD-4] is a power of two of at least 256 KiB', () => {
    for (const size of [0, 1, 64 * KIB, 100 * MIB, 3 * GIB + 7, 32 * GIB, 2 ** 53 - 1]) {
      const length = choosePieceLength(size)
      expect(length).toBeGreaterThanOrEqual(256 * KIB)
      expect(Math.log2(length) % 1).toBe(0)
    }
  })

  it('[MD-4] keeps the piece count at most 2,048 up to 32 GiB', () => {
    for (const size of [1, 128 * MIB, 128 * MIB + 1, 1 * GIB, 5 * GIB + 3, 32 * GIB]) {
      expect(Math.ceil(size / choosePieceLength(size))).toBeLessThanOrEqual(2048)
    }
  })

  it('[MD-4] picks the smallest length that fits: more pieces means finer sharing', () => {
    expect(choosePieceLength(16 * MIB)).toBe(256 * KIB)
    expect(choosePieceLength(512 * MIB)).toBe(256 * KIB)
    expect(choosePieceLength(512 * MIB + 1)).toBe(512 * KIB)
    expect(choosePieceLength(32 * GIB)).toBe(16 * MIB)
    expect(choosePieceLength(64 * GIB)).toBe(MAX_PIECE_LENGTH_BYTES)
  })
})

describe('piece geometry', () => {
  it('counts pieces and sizes the last one short', () => {
    const meta = sample({ size: 200 * KIB })
    expect(pieceCount(meta)).toBe(4)
    expect(pieceSize(meta, 0)).toBe(64 * KIB)
    expect(pieceSize(meta, 3)).toBe(8 * KIB)
    expect(() => pieceSize(meta, 4)).toThrow(RangeError)
    expect([...pieceHash(meta, 1)]).toEqual([...meta.pieceHashes.subarray(32, 64)])
    expect(pieceCount(sample({ size: 0 }))).toBe(0)
  })
})

describe('metadata encoding', () => {
  it('[MD-1] round-trips', () => {
    for (const meta of [
      sample(),
      sample({ size: 0, mimeType: '' }),
      sample({ size: 2 ** 33 + 5, pieceLength: 16 * MIB }),
    ]) {
      expect(decodeMetadata(encodeMetadata(meta))).toEqual(meta)
    }
  })

  it('[MD-1] encodes the size as two u32 halves', () => {
    const meta = sample({ size: 2 ** 33 + 3, pieceLength: 16 * MIB })
    const at = offsets(meta).size
    const bytes = encodeMetadata(meta)
    expect([...bytes.subarray(at, at + 8)]).toEqual([0, 0, 0, 2, 0, 0, 0, 3])
  })

  it('[MD-1] rejects trailing bytes', () => {
    const bytes = encodeMetadata(sample())
    expect(metadataCode(() => decodeMetadata(Uint8Array.of(...bytes, 0)))).toBe('ERR_BAD_METADATA')
  })

  it('[MD-1] rejects every truncation', () => {
    const bytes = encodeMetadata(sample())
    for (let length = 0; length < bytes.length; length++) {
      expect(
        metadataCode(() => decodeMetadata(bytes.subarray(0, length))),
        `length ${length}`,
      ).toBe('ERR_BAD_METADATA')
    }
  })

  it('[MD-1] rejects a bad magic or an unknown version', () => {
    const bytes = encodeMetadata(sample())
    const badMagic = bytes.slice()
    badMagic[0] = 0
    const badVersion = bytes.slice()
    badVersion[4] = 9
    expect(metadataCode(() => decodeMetadata(badMagic))).toBe('ERR_BAD_METADATA')
    expect(metadataCode(() => decodeMetadata(badVersion))).toBe('ERR_BAD_METADATA')
  })

  it('[MD-1] rejects a piece count or hash length that does not match size and piece length', () => {
    const meta = sample({ size: 200 * KIB })
    const bytes = encodeMetadata(meta)
    const countAt = offsets(meta).size + 12
    const wrongCount = bytes.slice()
    wrongCount[countAt + 3] = 5
    expect(metadataCode(() => decodeMetadata(wrongCount))).toBe('ERR_BAD_METADATA')
    // Hashes for 5 pieces with a count of 5: the count field is right, the size is not.
    const extraHash = Uint8Array.of(...wrongCount, ...new Uint8Array(32))
    expect(metadataCode(() => decodeMetadata(extraHash))).toBe('ERR_BAD_METADATA')
    expect(() => encodeMetadata({ ...meta, pieceHashes: new Uint8Array(31) })).toThrow(
      ProtocolError,
    )
  })

  it('[MD-1] [MD-4] rejects a piece length that is not a power of two of at least 64 KiB', () => {
    for (const pieceLength of [512, 96 * KIB, 64 * KIB + 1, 32 * MIB]) {
      expect(metadataCode(() => encodeMetadata(sample({ pieceLength })))).toBe('ERR_BAD_METADATA')
    }
    const meta = sample({ size: 200 * KIB })
    const bytes = encodeMetadata(meta)
    const lengthAt = offsets(meta).size + 8
    bytes.set([0, 1, 0x80, 0], lengthAt) // 96 KiB: 3 pieces of 200 KiB would still need a count of 3
    expect(metadataCode(() => decodeMetadata(bytes))).toBe('ERR_BAD_METADATA')
  })

  it('[MD-1] rejects names that are empty, paths, too long or controls', () => {
    for (const name of [
      '',
      'a/b',
      'a\\b',
      '.',
      '..',
      'tab\there',
      'x'.repeat(256),
      'é'.repeat(128),
      '\ud800',
    ]) {
      expect(
        metadataCode(() => encodeMetadata(sample({ name }))),
        JSON.stringify(name),
      ).toBe('ERR_BAD_METADATA')
    }
    expect(decodeMetadata(encodeMetadata(sample({ name: 'x'.repeat(255) }))).name).toHaveLength(255)
  })

  it('[MD-1] rejects a name with "/" smuggled into the encoding', () => {
    const meta = sample({ name: 'ab' })
    const bytes = encodeMetadata(meta)
    bytes[offsets(meta).nameLength + 1] = 0x2f
    expect(metadataCode(() => decodeMetadata(bytes))).toBe('ERR_BAD_METADATA')
  })

  it('[MD-1] rejects non-canonical UTF-8 in the name (overlong "/" and a surrogate)', () => {
    const meta = sample({ name: 'abc' })
    const bytes = encodeMetadata(meta)
    const at = offsets(meta).nameLength
    const overlong = Uint8Array.of(
      ...bytes.subarray(0, at),
      3,
      0x61,
      0xc0,
      0xaf,
      ...bytes.subarray(at + 4),
    )
    expect(metadataCode(() => decodeMetadata(overlong))).toBe('ERR_BAD_METADATA')
    const overlongA = Uint8Array.of(
      ...bytes.subarray(0, at),
      3,
      0x61,
      0xc1,
      0x81,
      ...bytes.subarray(at + 4),
    )
    expect(metadataCode(() => decodeMetadata(overlongA))).toBe('ERR_BAD_METADATA')
    const surrogate = Uint8Array.of(
      ...bytes.subarray(0, at),
      3,
      0xed,
      0xa0,
      0x80,
      ...bytes.subarray(at + 4),
    )
    expect(metadataCode(() => decodeMetadata(surrogate))).toBe('ERR_BAD_METADATA')
  })

  it('[MD-1] rejects a non-ASCII MIME type', () => {
    expect(metadataCode(() => encodeMetadata(sample({ mimeType: 'text/plaín' })))).toBe(
      'ERR_BAD_METADATA',
    )
    const meta = sample({ mimeType: 'a' })
    const bytes = encodeMetadata(meta)
    bytes[offsets(meta).mimeLength + 1] = 0xe9
    expect(metadataCode(() => decodeMetadata(bytes))).toBe('ERR_BAD_METADATA')
  })

  it('[MD-1] rejects a size beyond 2^53-1', () => {
    const meta = sample({ size: 0, mimeType: '' })
    const bytes = encodeMetadata(meta)
    bytes.set([0, 0x20, 0, 0], offsets(meta).size) // high half 2^21 → size 2^53
    expect(metadataCode(() => decodeMetadata(bytes))).toBe('ERR_BAD_METADATA')
    expect(metadataCode(() => encodeMetadata(sample({ size: -1 })))).toBe('ERR_BAD_METADATA')
  })

  it('[MD-1] decoding copies the hashes out of the input', () => {
    const bytes = encodeMetadata(sample())
    const meta = decodeMetadata(bytes)
    bytes.fill(0)
    expect(meta.pieceHashes[1]).toBe(1)
  })
})

describe('swarm id', () => {
  it('[MD-2] is the lowercase hex SHA-256 of the encoding, stable across runs', async () => {
    const encoded = encodeMetadata(sample())
    const id = await swarmIdOf(encoded, sha256)
    expect(id).toMatch(/^[0-9a-f]{64}$/)
    expect(await swarmIdOf(encodeMetadata(decodeMetadata(encoded)), sha256)).toBe(id)
    expect(id).toBe(Buffer.from(await sha256(encoded)).toString('hex'))
  })

  it('[MD-1] [MD-2] encodes a known value to the documented bytes and a pinned id', async () => {
    const encoded = encodeMetadata({
      name: 'a.txt',
      size: 0,
      mimeType: '',
      pieceLength: 64 * KIB,
      pieceHashes: new Uint8Array(0),
    })
    // "SWDM" v1, name, MIME, size high/low, piece length, piece count: see metadata.ts.
    const expected = [
      ...[0x53, 0x57, 0x44, 0x4d, 1],
      ...[5, 0x61, 0x2e, 0x74, 0x78, 0x74],
      0,
      ...[0, 0, 0, 0, 0, 0, 0, 0],
      ...[0, 1, 0, 0],
      ...[0, 0, 0, 0],
    ]
    expect([...encoded]).toEqual(expected)
    // Pinned: a change here changes every share link, so it needs a new metadata version.
    expect(await swarmIdOf(encoded, sha256)).toBe(
      '1ccc9ef7e50f550028c2d3a9403767101eb1636a76017d25ae1317a477032a64',
    )
  })

  it('[MD-3] verifyMetadata accepts matching metadata and rejects a mismatch', async () => {
    const encoded = encodeMetadata(sample())
    const id = await swarmIdOf(encoded, sha256)
    expect(await verifyMetadata(encoded, id, sha256)).toEqual(sample())
    const tampered = encodeMetadata(sample({ mimeType: 'image/png' }))
    await expect(verifyMetadata(tampered, id, sha256)).rejects.toMatchObject({
      code: 'ERR_METADATA_MISMATCH',
    })
  })
})

describe('createMetadata', () => {
  const file = Uint8Array.from({ length: 800 * KIB + 17 }, (_, i) => (i * 31) % 256)
  const readRange = (offset: number, length: number): Promise<Uint8Array> =>
    Promise.resolve(file.slice(offset, offset + length))

  it('[MD-1] hashes each piece as read and reports progress per piece', async () => {
    const progress: number[] = []
    const meta = await createMetadata(
      { name: 'f.bin', size: file.length, mimeType: 'application/octet-stream' },
      readRange,
      sha256,
      (hashed) => progress.push(hashed),
    )
    expect(meta.pieceLength).toBe(256 * KIB)
    expect(pieceCount(meta)).toBe(4)
    expect(progress).toEqual([256 * KIB, 512 * KIB, 768 * KIB, file.length])
    for (let i = 0; i < 4; i++) {
      const piece = file.subarray(i * 256 * KIB, Math.min(file.length, (i + 1) * 256 * KIB))
      expect(pieceHash(meta, i)).toEqual(await sha256(piece))
    }
    expect(decodeMetadata(encodeMetadata(meta))).toEqual(meta)
  })

  it('handles an empty file without reading', async () => {
    const meta = await createMetadata(
      { name: 'empty', size: 0, mimeType: '' },
      () => {
        throw new Error('no read expected')
      },
      sha256,
    )
    expect(meta.pieceHashes).toHaveLength(0)
  })

  it('rejects a bad name before reading anything', async () => {
    let reads = 0
    const counting = (offset: number, length: number): Promise<Uint8Array> => {
      reads++
      return readRange(offset, length)
    }
    await expect(
      createMetadata({ name: 'dir/f', size: file.length, mimeType: '' }, counting, sha256),
    ).rejects.toMatchObject({ code: 'ERR_BAD_METADATA' })
    expect(reads).toBe(0)
  })

  it('rejects a short read', async () => {
    await expect(
      createMetadata(
        { name: 'f', size: 100, mimeType: '' },
        () => Promise.resolve(new Uint8Array(99)),
        sha256,
      ),
    ).rejects.toThrow(/99 bytes/)
  })
})

describe('multi-file metadata', () => {
  const files: FileEntry[] = [
    { path: ['a.txt'], length: 100 * KIB },
    { path: ['empty.dat'], length: 0 },
    { path: ['sub', 'b.bin'], length: 100 * KIB },
  ]
  const folder = (overrides: Partial<Metadata> = {}): Metadata =>
    sample({ name: 'holiday', size: 200 * KIB, mimeType: '', files, ...overrides })

  it('[MD-7] round-trips a file list as version 2', () => {
    const bytes = encodeMetadata(folder())
    expect(bytes[4]).toBe(2)
    expect(decodeMetadata(bytes)).toEqual(folder())
    expect(filesOf(decodeMetadata(bytes))).toEqual(files)
  })

  it('[MD-7] keeps a single file at version 1 with no file list, so its swarm id is unchanged', () => {
    const bytes = encodeMetadata(sample())
    expect(bytes[4]).toBe(1)
    expect('files' in decodeMetadata(bytes)).toBe(false)
    expect(filesOf(sample())).toEqual([{ path: [sample().name], length: sample().size }])
  })

  it('[MD-7] a folder of one file differs from that file alone', async () => {
    const single = sample({ name: 'a.bin', size: 100 * KIB })
    const inFolder = { ...single, files: [{ path: ['a.bin'], length: 100 * KIB }] }
    expect(await swarmIdOf(encodeMetadata(inFolder), sha256)).not.toBe(
      await swarmIdOf(encodeMetadata(single), sha256),
    )
    expect(decodeMetadata(encodeMetadata(inFolder))).toEqual(inFolder)
  })

  it('[MD-7] rejects file lengths that do not add up to the size', () => {
    expect(metadataCode(() => encodeMetadata(folder({ size: 200 * KIB + 1 })))).toBe(
      'ERR_BAD_METADATA',
    )
  })

  it('[MD-8] rejects unsafe or clashing paths', () => {
    const withPath = (path: string[], extra: FileEntry[] = []): Metadata =>
      folder({
        files: [{ path, length: 200 * KIB }, ...extra],
      })
    for (const path of [
      [],
      ['..'],
      ['sub', '..', 'x'],
      ['.'],
      [''],
      ['sub', ''],
      ['/etc', 'passwd'],
      ['C:\\x'],
      ['a\u0000b'],
      ['x'.repeat(256)],
      Array.from({ length: 65 }, () => 'd'),
      Array.from({ length: 20 }, () => 'x'.repeat(250)),
    ]) {
      expect(
        metadataCode(() => encodeMetadata(withPath(path))),
        JSON.stringify(path),
      ).toBe('ERR_BAD_METADATA')
    }
    const clashes: [string[], string[]][] = [
      [['a'], ['a']],
      [['a'], ['a', 'b']],
      [['a', 'b'], ['a']],
    ]
    for (const [first, second] of clashes) {
      expect(
        metadataCode(() => encodeMetadata(withPath(first, [{ path: second, length: 0 }]))),
        JSON.stringify([first, second]),
      ).toBe('ERR_BAD_METADATA')
    }
    expect(metadataCode(() => encodeMetadata(folder({ files: [] })))).toBe('ERR_BAD_METADATA')
  })

  it('[MD-8] rejects a ".." smuggled into a peer\'s encoding, and every truncation', () => {
    const meta = folder({ files: [{ path: ['sub', 'xy'], length: 200 * KIB }] })
    const bytes = encodeMetadata(meta)
    // The last path segment "xy" sits right before the hashes.
    const at = bytes.length - meta.pieceHashes.length - 2
    expect(String.fromCharCode(bytes[at] ?? 0, bytes[at + 1] ?? 0)).toBe('xy')
    const climbing = bytes.slice()
    climbing.set([0x2e, 0x2e], at)
    expect(() => decodeMetadata(climbing)).toThrow(/plain file name/)
    const slash = bytes.slice()
    slash[at] = 0x2f
    expect(metadataCode(() => decodeMetadata(slash))).toBe('ERR_BAD_METADATA')
    for (let length = 0; length < bytes.length; length++) {
      expect(
        metadataCode(() => decodeMetadata(bytes.subarray(0, length))),
        `${length}`,
      ).toBe('ERR_BAD_METADATA')
    }
  })

  it("[MD-8] rejects a file count of zero or beyond the limit in a peer's encoding", () => {
    const meta = folder()
    const bytes = encodeMetadata(meta)
    const countAt = offsets(meta).size + 16
    for (const count of [0, MAX_FILE_COUNT + 1, 0xffff_ffff]) {
      const wrong = bytes.slice()
      new DataView(wrong.buffer).setUint32(countAt, count)
      expect(() => decodeMetadata(wrong)).toThrow(/file list holds/)
    }
  })

  it('[MD-7] createMetadata hashes pieces across file boundaries and keeps the list', async () => {
    const stream = Uint8Array.from({ length: 200 * KIB }, (_, i) => (i * 13) % 251)
    const meta = await createMetadata(
      { name: 'holiday', size: stream.length, mimeType: '', files },
      (offset, length) => Promise.resolve(stream.slice(offset, offset + length)),
      sha256,
    )
    expect(meta.files).toEqual(files)
    // One 256 KiB piece (MD-4) holds both files: its hash covers the bytes across the boundary.
    expect(pieceCount(meta)).toBe(1)
    expect(pieceHash(meta, 0)).toEqual(await sha256(stream))
    await expect(
      createMetadata(
        { name: 'holiday', size: 1, mimeType: '', files: [{ path: ['..'], length: 1 }] },
        () => Promise.reject(new Error('no read expected')),
        sha256,
      ),
    ).rejects.toMatchObject({ code: 'ERR_BAD_METADATA' })
  })
})

describe('salted metadata (SPEC MD-10)', () => {
  const salt = Uint8Array.from({ length: SALT_BYTES }, (_, i) => i + 1)

  it('[MD-10] round-trips a salt as version 3 (one file) and 4 (a file list)', () => {
    const single = sample({ salt })
    const one = encodeMetadata(single)
    expect(one[4]).toBe(3)
    expect(one.subarray(5, 5 + SALT_BYTES)).toEqual(salt)
    expect(decodeMetadata(one)).toEqual(single)
    const folder = sample({
      name: 'f',
      size: 100 * KIB,
      files: [{ path: ['a'], length: 100 * KIB }],
      salt,
    })
    const many = encodeMetadata(folder)
    expect(many[4]).toBe(4)
    expect(decodeMetadata(many)).toEqual(folder)
  })

  it('[MD-10] the same file with two salts gives two swarm ids', async () => {
    const other = salt.map((b) => b ^ 0xff)
    expect(await swarmIdOf(encodeMetadata(sample({ salt })), sha256)).not.toBe(
      await swarmIdOf(encodeMetadata(sample({ salt: other })), sha256),
    )
  })

  it('[MD-1] [MD-10] refuses a salt of another size and a truncated salt', () => {
    expect(metadataCode(() => encodeMetadata(sample({ salt: new Uint8Array(15) })))).toBe(
      'ERR_BAD_METADATA',
    )
    const bytes = encodeMetadata(sample({ salt }))
    expect(metadataCode(() => decodeMetadata(bytes.subarray(0, 12)))).toBe('ERR_BAD_METADATA')
  })

  it('[MD-10] createMetadata carries the salt it is given', async () => {
    const bytes = new Uint8Array(1000).fill(7)
    const meta = await createMetadata(
      { name: 'a.bin', size: bytes.length, mimeType: '', salt },
      async (offset, length) => bytes.subarray(offset, offset + length),
      sha256,
    )
    expect(meta.salt).toEqual(salt)
  })
})
