import {
  bytesEqual,
  concatBytes,
  readU32,
  toHex,
  utf8Decode,
  utf8Encode,
  writeU32,
} from './bytes.ts'
import { ProtocolError } from './errors.ts'
import type { SwarmId } from './ids.ts'
import type { FileEntry } from './pieces/file-map.ts'
import { BLOCK_SIZE_BYTES } from './pieces/layout.ts'
import type { Hasher } from './runtime.ts'

/** What a swarm shares: enough to verify every piece. Its canonical encoding hashes to the SwarmId. */
export interface Metadata {
  /**
   * File name as dropped, UTF-8, 1–255 bytes, no '/' or '\\'. With `files`, the name of the
   * folder holding them (BEP 3's multi-file `name`).
   */
  readonly name: string
  /** Size in bytes (0 ≤ size ≤ 2^53-1); with `files`, the sum of their lengths. */
  readonly size: number
  /**
   * Present for a folder or several files (SPEC MD-7): the files in stream order, their paths
   * relative to `name`. Absent for a single file, whose encoding (and swarm id) stay version 1.
   */
  readonly files?: readonly FileEntry[]
  /** MIME type as the browser reported it ('' when unknown), ASCII, ≤ 255 bytes. */
  readonly mimeType: string
  /** Bytes per piece (a power of two, ≥ BLOCK_SIZE_BYTES); the last piece may be shorter. */
  readonly pieceLength: number
  /** SHA-256 of each piece, concatenated: 32 × pieceCount bytes. */
  readonly pieceHashes: Uint8Array
  /**
   * SALT_BYTES random bytes (SPEC MD-10, PL-1): the same files shared twice give two unrelated
   * swarm ids, so holding a file does not reveal who shares it. Absent only in versions 1 and 2.
   */
  readonly salt?: Uint8Array
}

/** Bytes of a metadata salt (SPEC MD-10): 128 bits, so two shares never collide by chance. */
export const SALT_BYTES = 16

/** SHA-256 digest size. */
export const HASH_BYTES = 32
/** Metadata travels between peers in chunks of this size (cf. BEP 9's 16 KiB). */
export const METADATA_CHUNK_BYTES = 64 * 1024
/** Refuse metadata larger than this: 8 MiB is 262,144 piece hashes, far past any piece-length choice. */
export const MAX_METADATA_BYTES = 8 * 1024 * 1024
/**
 * Smallest piece length the codec accepts (SPEC MD-4). Files get at least
 * MIN_CHOSEN_PIECE_LENGTH_BYTES (choosePieceLength); smaller pieces exist so the simulator can
 * run a thousand peers on a thousand-piece file without moving gigabytes.
 */
export const MIN_PIECE_LENGTH_BYTES = 1024
/**
 * Smallest piece length a seeder chooses (SPEC MD-4): four blocks. Every piece costs a hash, a
 * file on disk, a `have` to each neighbour and a picker decision, and in a browser tab that
 * per-piece work, not the bytes, is what runs out of CPU first: 256 KiB pieces instead of 64 KiB
 * took the two-tab download from 4.6 to 5.2 MiB/s and bench:swarm from 42.8/33.3 s to
 * 36.4/30.6 s (2 cores, 6 tabs). Finer pieces only win where CPU is free: the in-memory swarm
 * of bench:swarm is 3–5 % slower with 256 KiB pieces than with 64 KiB.
 */
export const MIN_CHOSEN_PIECE_LENGTH_BYTES = 4 * BLOCK_SIZE_BYTES
/**
 * Largest piece length. A piece is assembled in memory before it is verified, so a hostile
 * metadata must not make us allocate more than this per piece; 16 MiB is what a 32 GiB file gets.
 */
export const MAX_PIECE_LENGTH_BYTES = 16 * 1024 * 1024
/** Piece count choosePieceLength aims to stay under (SPEC MD-4). */
export const TARGET_PIECE_COUNT = 2048
/**
 * Most files in one swarm (SPEC MD-8). Every file is a row on the download page and an entry in
 * the zip's central directory; a folder with more files is better zipped before sharing.
 */
export const MAX_FILE_COUNT = 10_000
/** Most segments in a file's path (SPEC MD-8): deeper trees are a sign of a hostile metadata. */
export const MAX_PATH_DEPTH = 64
/** Longest path, its segments joined by '/' (SPEC MD-8): Linux's PATH_MAX. */
export const MAX_PATH_BYTES = 4096

/** "SWDM" then format version 1; a new layout gets a new version, never a reinterpretation. */
const MAGIC = Uint8Array.of(0x53, 0x57, 0x44, 0x4d)
const VERSION = 1
/** Version 2 is version 1 plus a file list (SPEC MD-7); a single file keeps version 1. */
const VERSION_FILES = 2
/** Versions 3 and 4 are 1 and 2 with a salt (SPEC MD-10): what every new share uses. */
const VERSION_SALTED = 3
const VERSION_SALTED_FILES = 4
const KNOWN_VERSIONS: readonly number[] = [
  VERSION,
  VERSION_FILES,
  VERSION_SALTED,
  VERSION_SALTED_FILES,
]
const TWO_POW_32 = 0x1_0000_0000

/**
 * Canonical layout (SPEC MD-1), big-endian:
 * "SWDM" u8 version=1, u8 n + n bytes name (UTF-8), u8 m + m bytes MIME type (printable ASCII),
 * u32 size-high, u32 size-low, u32 piece length, u32 piece count, 32 × piece count hash bytes.
 * Every field has one valid spelling and the piece count is implied by size and piece length,
 * so one value has exactly one encoding.
 *
 * Version 2 (a folder or several files, SPEC MD-7) inserts after the piece count: u32 file count,
 * then per file u32 length-high, u32 length-low, u8 segment count and per segment u8 n + n bytes
 * (UTF-8). The size must equal the sum of the lengths, so it, too, has one spelling.
 *
 * Versions 3 (single file) and 4 (file list) insert SALT_BYTES of salt right after the version
 * byte (SPEC MD-10); the version says whether it is there, so it, too, has one spelling.
 */
const FIXED_BYTES = MAGIC.length + 1 + 1 + 1 + 4 * 4

const bad = (message: string): ProtocolError => new ProtocolError('ERR_BAD_METADATA', message)

/** Picks the piece length for a file: a power of two keeping the piece count in the low thousands. */
export function choosePieceLength(size: number): number {
  let length = MIN_CHOSEN_PIECE_LENGTH_BYTES
  while (length < MAX_PIECE_LENGTH_BYTES && Math.ceil(size / length) > TARGET_PIECE_COUNT) {
    length *= 2
  }
  return length
}

/** ceil(size / pieceLength); 0 for an empty file. */
export function pieceCount(meta: Metadata): number {
  return Math.ceil(meta.size / meta.pieceLength)
}

/** Size in bytes of piece `index` (the last one may be short). */
export function pieceSize(meta: Metadata, index: number): number {
  const count = pieceCount(meta)
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new RangeError(`piece ${index} outside 0..${count - 1}`)
  }
  return Math.min(meta.pieceLength, meta.size - index * meta.pieceLength)
}

/** The 32-byte expected hash of piece `index` (a view, not a copy). */
export function pieceHash(meta: Metadata, index: number): Uint8Array {
  pieceSize(meta, index)
  return meta.pieceHashes.subarray(index * HASH_BYTES, (index + 1) * HASH_BYTES)
}

function isValidPieceLength(length: number): boolean {
  return (
    Number.isInteger(length) &&
    length >= MIN_PIECE_LENGTH_BYTES &&
    length <= MAX_PIECE_LENGTH_BYTES &&
    (length & (length - 1)) === 0
  )
}

/** Path separators and C0/DEL controls: a saved file name must not contain them. */
function isForbiddenInName(char: string): boolean {
  const code = char.charCodeAt(0)
  return char === '/' || char === '\\' || code < 0x20 || code === 0x7f
}

/** Names are a single path component a browser can save: no separators, no controls, not . or .. */
function checkName(name: string): Uint8Array {
  const bytes = utf8Encode(name)
  if (bytes === null) {
    throw bad('name is not valid Unicode')
  }
  if (bytes.length === 0 || bytes.length > 255) {
    throw bad(`name must be 1–255 UTF-8 bytes, got ${bytes.length}`)
  }
  if (name === '.' || name === '..' || [...name].some(isForbiddenInName)) {
    throw bad('name must be a plain file name (no "/", "\\", control characters, "." or "..")')
  }
  return bytes
}

/** Encoded file list of version 2 (SPEC MD-7, MD-8); throws ERR_BAD_METADATA on a bad list. */
function encodeFiles(files: readonly FileEntry[], size: number): Uint8Array {
  checkFileCount(files.length)
  const parts: Uint8Array[] = []
  const header = new Uint8Array(4)
  writeU32(header, 0, files.length)
  parts.push(header)
  const paths = new PathSet()
  let total = 0
  for (const file of files) {
    if (!Number.isSafeInteger(file.length) || file.length < 0) {
      throw bad(`file length must be an integer in 0..2^53-1, got ${file.length}`)
    }
    total += file.length
    const segments = checkPath(file.path)
    paths.add(file.path)
    const entry = new Uint8Array(9 + segments.reduce((n, s) => n + 1 + s.length, 0))
    writeU32(entry, 0, Math.floor(file.length / TWO_POW_32))
    writeU32(entry, 4, file.length % TWO_POW_32)
    entry[8] = segments.length
    let at = 9
    for (const segment of segments) {
      entry[at++] = segment.length
      entry.set(segment, at)
      at += segment.length
    }
    parts.push(entry)
  }
  checkFilesTotal(total, size)
  return concatBytes(parts)
}

function checkFileCount(count: number): void {
  if (count < 1 || count > MAX_FILE_COUNT) {
    throw bad(`a file list holds 1–${MAX_FILE_COUNT} files, got ${count}`)
  }
}

function checkFilesTotal(total: number, size: number): void {
  if (total !== size) {
    throw bad(`files add up to ${total} bytes, not the size ${size}`)
  }
}

/**
 * A path below the swarm's folder (SPEC MD-8): 1–MAX_PATH_DEPTH segments, each a plain name (no
 * separators, controls, "." or ".."; so never absolute and never climbing out), at most
 * MAX_PATH_BYTES joined by '/'. Returns the UTF-8 segments.
 */
function checkPath(path: readonly string[]): Uint8Array[] {
  if (path.length < 1 || path.length > MAX_PATH_DEPTH) {
    throw bad(`a file path has 1–${MAX_PATH_DEPTH} segments, got ${path.length}`)
  }
  const segments = path.map(checkName)
  const joined = segments.reduce((n, s) => n + s.length, 0) + segments.length - 1
  if (joined > MAX_PATH_BYTES) {
    throw bad(`a file path of ${joined} bytes exceeds ${MAX_PATH_BYTES}`)
  }
  return segments
}

/**
 * Paths seen so far: refuses a path twice, and a file where another path needs a folder (SPEC
 * MD-8), so every file of the list can be saved side by side, in a folder or a zip.
 */
class PathSet {
  readonly #files = new Set<string>()
  readonly #folders = new Set<string>()

  add(path: readonly string[]): void {
    // Segments hold no '/' (checkName), so the joined path is unambiguous.
    const joined = path.join('/')
    if (this.#files.has(joined) || this.#folders.has(joined)) {
      throw bad(`the path "${joined}" is listed twice, or both as a file and a folder`)
    }
    for (let depth = 1; depth < path.length; depth++) {
      const folder = path.slice(0, depth).join('/')
      if (this.#files.has(folder)) {
        throw bad(`the path "${joined}" lies inside the file "${folder}"`)
      }
      this.#folders.add(folder)
    }
    this.#files.add(joined)
  }
}

function checkMimeType(mimeType: string): Uint8Array {
  if (mimeType.length > 255 || !/^[\x20-\x7e]*$/.test(mimeType)) {
    throw bad('MIME type must be printable ASCII, at most 255 bytes')
  }
  return Uint8Array.from(mimeType, (c) => c.charCodeAt(0))
}

function checkSizes(size: number, pieceLength: number): void {
  if (!Number.isSafeInteger(size) || size < 0) {
    throw bad(`size must be an integer in 0..2^53-1, got ${size}`)
  }
  if (!isValidPieceLength(pieceLength)) {
    throw bad(
      `piece length must be a power of two in ${MIN_PIECE_LENGTH_BYTES}..${MAX_PIECE_LENGTH_BYTES}, got ${pieceLength}`,
    )
  }
}

/** The canonical binary encoding (docs/SPEC.md MD-1): one metadata value has exactly one encoding. */
export function encodeMetadata(meta: Metadata): Uint8Array {
  const name = checkName(meta.name)
  const mime = checkMimeType(meta.mimeType)
  checkSizes(meta.size, meta.pieceLength)
  const count = pieceCount(meta)
  if (meta.pieceHashes.length !== count * HASH_BYTES) {
    throw bad(
      `expected ${count * HASH_BYTES} bytes of piece hashes, got ${meta.pieceHashes.length}`,
    )
  }
  const files = meta.files === undefined ? null : encodeFiles(meta.files, meta.size)
  const salt = meta.salt ?? null
  if (salt !== null && salt.length !== SALT_BYTES) {
    throw bad(`salt must be ${SALT_BYTES} bytes, got ${salt.length}`)
  }
  const total =
    FIXED_BYTES +
    (salt?.length ?? 0) +
    name.length +
    mime.length +
    (files?.length ?? 0) +
    meta.pieceHashes.length
  if (total > MAX_METADATA_BYTES) {
    throw bad(`metadata of ${total} bytes exceeds ${MAX_METADATA_BYTES}`)
  }
  const out = new Uint8Array(total)
  let at = 0
  out.set(MAGIC, at)
  at += MAGIC.length
  out[at++] =
    salt === null
      ? files === null
        ? VERSION
        : VERSION_FILES
      : files === null
        ? VERSION_SALTED
        : VERSION_SALTED_FILES
  if (salt !== null) {
    out.set(salt, at)
    at += salt.length
  }
  out[at++] = name.length
  out.set(name, at)
  at += name.length
  out[at++] = mime.length
  out.set(mime, at)
  at += mime.length
  writeU32(out, at, Math.floor(meta.size / TWO_POW_32))
  writeU32(out, at + 4, meta.size % TWO_POW_32)
  writeU32(out, at + 8, meta.pieceLength)
  writeU32(out, at + 12, count)
  at += 16
  if (files !== null) {
    out.set(files, at)
    at += files.length
  }
  out.set(meta.pieceHashes, at)
  return out
}

/** Sequential reader that throws ERR_BAD_METADATA instead of reading past the end. */
class Reader {
  #at = 0
  constructor(private readonly bytes: Uint8Array) {}

  take(n: number, field: string): Uint8Array {
    if (this.#at + n > this.bytes.length) {
      throw bad(`metadata truncated in ${field}`)
    }
    const out = this.bytes.subarray(this.#at, this.#at + n)
    this.#at += n
    return out
  }

  u8(field: string): number {
    return this.take(1, field)[0] ?? 0
  }

  u32(field: string): number {
    return readU32(this.take(4, field), 0)
  }

  get remaining(): number {
    return this.bytes.length - this.#at
  }
}

/** Parses and validates; throws ProtocolError ERR_BAD_METADATA on anything non-canonical. */
export function decodeMetadata(bytes: Uint8Array): Metadata {
  if (bytes.length > MAX_METADATA_BYTES) {
    throw bad(`metadata of ${bytes.length} bytes exceeds ${MAX_METADATA_BYTES}`)
  }
  const reader = new Reader(bytes)
  if (!bytesEqual(reader.take(MAGIC.length, 'magic'), MAGIC)) {
    throw bad('not Swarmdrop metadata (bad magic)')
  }
  const version = reader.u8('version')
  if (!KNOWN_VERSIONS.includes(version)) {
    throw bad(`unsupported metadata version ${version}`)
  }
  const salted = version === VERSION_SALTED || version === VERSION_SALTED_FILES
  const salt = salted ? reader.take(SALT_BYTES, 'salt').slice() : null
  const name = utf8Decode(reader.take(reader.u8('name length'), 'name'))
  if (name === null) {
    throw bad('name is not valid UTF-8')
  }
  checkName(name)
  const mimeBytes = reader.take(reader.u8('MIME type length'), 'MIME type')
  const mimeType = String.fromCharCode(...mimeBytes)
  checkMimeType(mimeType)
  const sizeHigh = reader.u32('size')
  const sizeLow = reader.u32('size')
  const size = sizeHigh * TWO_POW_32 + sizeLow
  const pieceLength = reader.u32('piece length')
  checkSizes(size, pieceLength)
  const count = reader.u32('piece count')
  const expectedCount = Math.ceil(size / pieceLength)
  if (count !== expectedCount) {
    throw bad(`piece count ${count} does not match size and piece length (${expectedCount})`)
  }
  const withFiles = version === VERSION_FILES || version === VERSION_SALTED_FILES
  const files = withFiles ? decodeFiles(reader, size) : null
  const pieceHashes = reader.take(count * HASH_BYTES, 'piece hashes').slice()
  if (reader.remaining !== 0) {
    throw bad(`${reader.remaining} trailing bytes after metadata`)
  }
  const meta: Metadata = { name, size, mimeType, pieceLength, pieceHashes }
  const withSalt = salt === null ? meta : { ...meta, salt }
  return files === null ? withSalt : { ...withSalt, files }
}

/** Reads version 2's file list, validating as it goes (SPEC MD-8): a peer may send anything. */
function decodeFiles(reader: Reader, size: number): FileEntry[] {
  const count = reader.u32('file count')
  checkFileCount(count)
  const files: FileEntry[] = []
  const paths = new PathSet()
  let total = 0
  for (let index = 0; index < count; index++) {
    const length = reader.u32('file length') * TWO_POW_32 + reader.u32('file length')
    if (!Number.isSafeInteger(length)) {
      throw bad(`file ${index} is longer than 2^53-1 bytes`)
    }
    total += length
    const depth = reader.u8('path depth')
    const path: string[] = []
    for (let segment = 0; segment < depth; segment++) {
      const text = utf8Decode(reader.take(reader.u8('path segment length'), 'path segment'))
      if (text === null) {
        throw bad(`file ${index}'s path is not valid UTF-8`)
      }
      path.push(text)
    }
    checkPath(path)
    paths.add(path)
    files.push({ path, length })
  }
  checkFilesTotal(total, size)
  return files
}

/** The swarm id of encoded metadata: lowercase hex SHA-256. */
export async function swarmIdOf(encoded: Uint8Array, hasher: Hasher): Promise<SwarmId> {
  return toHex(await hasher(encoded)) as SwarmId
}

/**
 * Decodes metadata received from a peer after checking it hashes to `expected`; throws
 * ProtocolError ERR_METADATA_MISMATCH otherwise (SPEC MD-3: never trust unverified metadata).
 */
export async function verifyMetadata(
  encoded: Uint8Array,
  expected: SwarmId,
  hasher: Hasher,
): Promise<Metadata> {
  if (encoded.length > MAX_METADATA_BYTES) {
    throw bad(`metadata of ${encoded.length} bytes exceeds ${MAX_METADATA_BYTES}`)
  }
  const actual = await swarmIdOf(encoded, hasher)
  if (actual !== expected) {
    throw new ProtocolError(
      'ERR_METADATA_MISMATCH',
      `metadata hashes to ${actual}, not ${expected}`,
    )
  }
  return decodeMetadata(encoded)
}

/** Describes what is to be seeded: a file, or with `files` a folder or several files. */
export interface FileDescription {
  readonly name: string
  readonly size: number
  readonly mimeType: string
  /** The files end to end (SPEC MD-7); `size` must be their total. */
  readonly files?: readonly FileEntry[]
  /**
   * SALT_BYTES random bytes (SPEC MD-10). Every new share passes one (a fresh one, or the one it
   * used for the same files before); without it the swarm id follows from the files alone.
   */
  readonly salt?: Uint8Array
}

/** The files of a swarm: its file list, or for a single file that file under its name. */
export function filesOf(meta: Pick<Metadata, 'name' | 'size' | 'files'>): readonly FileEntry[] {
  return meta.files ?? [{ path: [meta.name], length: meta.size }]
}

/**
 * Builds metadata by hashing each piece as read by `readRange(offset, length)`.
 * `onProgress(hashedBytes)` is called after each piece. Throws ProtocolError ERR_BAD_METADATA
 * before reading anything when the description cannot be encoded (bad name, MIME type or size).
 */
export async function createMetadata(
  file: FileDescription,
  readRange: (offset: number, length: number) => Promise<Uint8Array>,
  hasher: Hasher,
  onProgress?: (hashedBytes: number) => void,
): Promise<Metadata> {
  checkName(file.name)
  checkMimeType(file.mimeType)
  const pieceLength = choosePieceLength(file.size)
  checkSizes(file.size, pieceLength)
  if (file.files !== undefined) {
    encodeFiles(file.files, file.size)
  }
  if (file.salt !== undefined && file.salt.length !== SALT_BYTES) {
    throw bad(`salt must be ${SALT_BYTES} bytes, got ${file.salt.length}`)
  }
  const count = Math.ceil(file.size / pieceLength)
  const pieceHashes = new Uint8Array(count * HASH_BYTES)
  for (let index = 0; index < count; index++) {
    const offset = index * pieceLength
    const length = Math.min(pieceLength, file.size - offset)
    const bytes = await readRange(offset, length)
    if (bytes.length !== length) {
      throw new Error(`read ${bytes.length} bytes of piece ${index}, expected ${length}`)
    }
    const digest = await hasher(bytes)
    if (digest.length !== HASH_BYTES) {
      throw new Error(`hasher returned ${digest.length} bytes, expected ${HASH_BYTES}`)
    }
    pieceHashes.set(digest, index * HASH_BYTES)
    onProgress?.(offset + length)
  }
  const single: Metadata = {
    name: file.name,
    size: file.size,
    mimeType: file.mimeType,
    pieceLength,
    pieceHashes,
  }
  const salted = file.salt === undefined ? single : { ...single, salt: file.salt.slice() }
  const meta = file.files === undefined ? salted : { ...salted, files: file.files }
  encodeMetadata(meta)
  return meta
}
