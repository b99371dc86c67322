import type { SwarmId } from './ids.ts'
import type { Hasher } from './runtime.ts'

/** What a swarm shares: enough to verify every piece. Its canonical encoding hashes to the SwarmId. */
export interface Metadata {
  /** File name as dropped, UTF-8, 1–255 bytes, no '/' or '\\'. */
  readonly name: string
  /** Size in bytes (0 ≤ size ≤ 2^53-1). */
  readonly size: number
  /** MIME type as the browser reported it ('' when unknown), ASCII, ≤ 255 bytes. */
  readonly mimeType: string
  /** Bytes per piece (a power of two, ≥ BLOCK_SIZE_BYTES); the last piece may be shorter. */
  readonly pieceLength: number
  /** SHA-256 of each piece, concatenated: 32 × pieceCount bytes. */
  readonly pieceHashes: Uint8Array
}

/** SHA-256 digest size. */
export const HASH_BYTES = 32
/** Metadata travels between peers in chunks of this size (cf. BEP 9's 16 KiB). */
export const METADATA_CHUNK_BYTES = 64 * 1024
/** Refuse metadata larger than this: 8 MiB is 262,144 piece hashes, far past any piece-length choice. */
export const MAX_METADATA_BYTES = 8 * 1024 * 1024

/** Picks the piece length for a file: a power of two keeping the piece count in the low thousands. */
export function choosePieceLength(size: number): number {
  throw new Error(`not implemented ${size}`)
}

/** ceil(size / pieceLength); 0 for an empty file. */
export function pieceCount(meta: Metadata): number {
  throw new Error(`not implemented ${meta.name}`)
}

/** Size in bytes of piece `index` (the last one may be short). */
export function pieceSize(meta: Metadata, index: number): number {
  throw new Error(`not implemented ${index}`)
}

/** The 32-byte expected hash of piece `index` (a view, not a copy). */
export function pieceHash(meta: Metadata, index: number): Uint8Array {
  throw new Error(`not implemented ${index}`)
}

/** The canonical binary encoding (docs/SPEC.md MD-1): one metadata value has exactly one encoding. */
export function encodeMetadata(meta: Metadata): Uint8Array {
  throw new Error(`not implemented ${meta.name}`)
}

/** Parses and validates; throws ProtocolError ERR_BAD_METADATA on anything non-canonical. */
export function decodeMetadata(bytes: Uint8Array): Metadata {
  throw new Error(`not implemented ${bytes.length}`)
}

/** The swarm id of encoded metadata: lowercase hex SHA-256. */
export async function swarmIdOf(encoded: Uint8Array, hasher: Hasher): Promise<SwarmId> {
  throw new Error(`not implemented ${encoded.length} ${typeof hasher}`)
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
  throw new Error(`not implemented ${encoded.length} ${expected} ${typeof hasher}`)
}

/** Describes a file to be seeded. */
export interface FileDescription {
  readonly name: string
  readonly size: number
  readonly mimeType: string
}

/**
 * Builds metadata by hashing each piece as read by `readPiece(offset, length)`.
 * `onProgress(hashedBytes)` is called after each piece.
 */
export async function createMetadata(
  file: FileDescription,
  readRange: (offset: number, length: number) => Promise<Uint8Array>,
  hasher: Hasher,
  onProgress?: (hashedBytes: number) => void,
): Promise<Metadata> {
  throw new Error(
    `not implemented ${file.name} ${typeof readRange} ${typeof hasher} ${typeof onProgress}`,
  )
}
