import { isU32, readU32, writeU32 } from '../bytes.ts'
import { ProtocolError } from '../errors.ts'
import { pieceIndex } from '../ids.ts'
import { MAX_METADATA_BYTES, METADATA_CHUNK_BYTES } from '../metadata.ts'
import type { WireMessage } from './messages.ts'

/** Largest frame accepted (id + payload): a 256 KiB block plus headers. */
export const MAX_FRAME_BYTES = 256 * 1024 + 64

/** Longest block a request may ask for (SPEC WR-4); Chromium's data-channel message limit. */
export const MAX_BLOCK_BYTES = 256 * 1024

/**
 * "SWD3" as bytes: the handshake magic and wire version (SPEC WR-2); TextEncoder is not in this
 * package's lib. Version 2 proved the link (PL-4) and packed several frames into one data-channel
 * message (WR-1); version 3 adds the urgent request (id 25, ST-11), which an SWD2 peer would take
 * for a protocol error mid-transfer, so it is refused at its first frame instead, as SWD1 is.
 */
export const HANDSHAKE_MAGIC = Uint8Array.of(0x53, 0x57, 0x44, 0x33)

/** Bytes of the handshake nonce (SPEC PL-3). */
const NONCE_BYTES = 32
/** Bytes of one proof (an HMAC-SHA-256, SPEC PL-4). */
const PROOF_BYTES = 32
/** Handshake flag: the sender holds the metadata. Other bits are reserved and ignored. */
const FLAG_HAS_METADATA = 0x01
const LENGTH_PREFIX_BYTES = 4
/** Where a frame's payload starts: after the length prefix and the id. */
const PAYLOAD_AT = LENGTH_PREFIX_BYTES + 1

const ID = {
  choke: 0,
  unchoke: 1,
  interested: 2,
  'not-interested': 3,
  have: 4,
  bitfield: 5,
  request: 6,
  piece: 7,
  cancel: 8,
  handshake: 20,
  'metadata-request': 21,
  'metadata-data': 22,
  'metadata-reject': 23,
  proof: 24,
  'urgent-request': 25,
} as const

const malformed = (message: string): ProtocolError =>
  new ProtocolError('ERR_MALFORMED_MESSAGE', message)

/** Allocates a frame with its length prefix and id written; the payload starts at offset 5. */
function frame(id: number, payloadBytes: number): Uint8Array {
  const bytes = new Uint8Array(LENGTH_PREFIX_BYTES + 1 + payloadBytes)
  writeU32(bytes, 0, 1 + payloadBytes)
  bytes[4] = id
  return bytes
}

function checkU32(value: number, field: string): void {
  if (!isU32(value)) {
    throw malformed(`${field} must be a u32, got ${value}`)
  }
}

function checkBlockLength(length: number): void {
  checkU32(length, 'length')
  if (length === 0 || length > MAX_BLOCK_BYTES) {
    throw new ProtocolError(
      'ERR_BAD_REQUEST',
      `block length ${length} outside 1..${MAX_BLOCK_BYTES}`,
    )
  }
}

/** Peer ids travel as printable ASCII, 1–255 bytes; the engine checks them against the tracker's. */
function encodePeerId(peerId: string): Uint8Array {
  if (peerId.length === 0 || peerId.length > 255) {
    throw new ProtocolError('ERR_BAD_HANDSHAKE', 'peer id must be 1–255 characters')
  }
  const bytes = new Uint8Array(peerId.length)
  for (let i = 0; i < peerId.length; i++) {
    const code = peerId.charCodeAt(i)
    if (code < 0x21 || code > 0x7e) {
      throw new ProtocolError('ERR_BAD_HANDSHAKE', 'peer id must be printable ASCII')
    }
    bytes[i] = code
  }
  return bytes
}

function encodeHandshake(message: WireMessage & { type: 'handshake' }): Uint8Array {
  if (message.nonce.length !== NONCE_BYTES) {
    throw new ProtocolError('ERR_BAD_HANDSHAKE', `nonce must be ${NONCE_BYTES} bytes`)
  }
  const peerId = encodePeerId(message.peerId)
  const bytes = frame(ID.handshake, HANDSHAKE_MAGIC.length + 1 + NONCE_BYTES + 1 + peerId.length)
  let at = 5
  bytes.set(HANDSHAKE_MAGIC, at)
  at += HANDSHAKE_MAGIC.length
  bytes[at++] = message.hasMetadata ? FLAG_HAS_METADATA : 0
  bytes.set(message.nonce, at)
  at += NONCE_BYTES
  bytes[at++] = peerId.length
  bytes.set(peerId, at)
  return bytes
}

function encodeProof(message: WireMessage & { type: 'proof' }): Uint8Array {
  const proofs = message.password === null ? [message.link] : [message.link, message.password]
  if (proofs.some((proof) => proof.length !== PROOF_BYTES)) {
    throw new ProtocolError('ERR_BAD_HANDSHAKE', `a proof must be ${PROOF_BYTES} bytes`)
  }
  const bytes = frame(ID.proof, proofs.length * PROOF_BYTES)
  proofs.forEach((proof, i) => bytes.set(proof, 5 + i * PROOF_BYTES))
  return bytes
}

// The hot path encodes one frame per message: these take their u32s as arguments, not as an
// array, so that encoding allocates nothing but the frame itself.

/** Frames whose payload is one u32. */
function encodeU32(id: number, a: number): Uint8Array {
  const bytes = frame(id, 4)
  writeU32(bytes, 5, a)
  return bytes
}

/** Frames whose payload is three u32s. */
function encodeU32x3(id: number, a: number, b: number, c: number): Uint8Array {
  const bytes = frame(id, 12)
  writeU32(bytes, 5, a)
  writeU32(bytes, 9, b)
  writeU32(bytes, 13, c)
  return bytes
}

/** Frames whose payload is `count` (0–2) u32s followed by bytes. */
function encodeU32sAndBytes(
  id: number,
  count: 0 | 1 | 2,
  a: number,
  b: number,
  tail: Uint8Array,
): Uint8Array {
  const bytes = frame(id, count * 4 + tail.length)
  if (count > 0) {
    writeU32(bytes, 5, a)
  }
  if (count > 1) {
    writeU32(bytes, 9, b)
  }
  bytes.set(tail, 5 + count * 4)
  return bytes
}

/** Encodes one message as one frame, length prefix included. */
export function encode(message: WireMessage): Uint8Array {
  const encoded = encodeUnchecked(message)
  if (encoded.length - LENGTH_PREFIX_BYTES > MAX_FRAME_BYTES) {
    throw new ProtocolError(
      'ERR_FRAME_TOO_LARGE',
      `${message.type} frame exceeds ${MAX_FRAME_BYTES}`,
    )
  }
  return encoded
}

/** What `encode` and `encodePieceParts` both require of a `piece` message. */
function checkPieceFields(message: WireMessage & { type: 'piece' }): void {
  checkU32(message.index, 'index')
  checkU32(message.begin, 'begin')
  if (message.block.length === 0) {
    throw malformed('piece without a block')
  }
}

/**
 * A `piece` frame as two parts, its 13-byte head and the block itself (the same bytes as
 * `encode`, not joined): a transport that packs frames into a message copies the block once,
 * into the message, rather than once into a frame and again into the message (SPEC WR-1).
 * @returns `[head, block]`, to be sent back to back as one frame
 */
export function encodePieceParts(
  message: WireMessage & { type: 'piece' },
): readonly [Uint8Array, Uint8Array] {
  checkPieceFields(message)
  const { block } = message
  if (9 + block.length > MAX_FRAME_BYTES) {
    throw new ProtocolError('ERR_FRAME_TOO_LARGE', `piece frame exceeds ${MAX_FRAME_BYTES}`)
  }
  const head = new Uint8Array(LENGTH_PREFIX_BYTES + 9)
  writeU32(head, 0, 9 + block.length)
  head[4] = ID.piece
  writeU32(head, 5, message.index)
  writeU32(head, 9, message.begin)
  return [head, block]
}

function encodeUnchecked(message: WireMessage): Uint8Array {
  switch (message.type) {
    case 'keep-alive':
      return new Uint8Array(LENGTH_PREFIX_BYTES)
    case 'handshake':
      return encodeHandshake(message)
    case 'proof':
      return encodeProof(message)
    case 'choke':
    case 'unchoke':
    case 'interested':
    case 'not-interested':
      return frame(ID[message.type], 0)
    case 'have':
      checkU32(message.index, 'index')
      return encodeU32(ID.have, message.index)
    case 'bitfield':
      return encodeU32sAndBytes(ID.bitfield, 0, 0, 0, message.bytes)
    case 'request':
    case 'urgent-request':
    case 'cancel':
      checkU32(message.index, 'index')
      checkU32(message.begin, 'begin')
      checkBlockLength(message.length)
      return encodeU32x3(ID[message.type], message.index, message.begin, message.length)
    case 'piece':
      checkPieceFields(message)
      return encodeU32sAndBytes(ID.piece, 2, message.index, message.begin, message.block)
    case 'metadata-request':
    case 'metadata-reject':
      checkU32(message.chunk, 'chunk')
      return encodeU32(ID[message.type], message.chunk)
    case 'metadata-data':
      checkU32(message.chunk, 'chunk')
      checkMetadataData(message.totalSize, message.data.length)
      return encodeU32sAndBytes(
        ID['metadata-data'],
        2,
        message.chunk,
        message.totalSize,
        message.data,
      )
  }
}

function checkMetadataData(totalSize: number, dataBytes: number): void {
  if (!isU32(totalSize) || totalSize === 0 || totalSize > MAX_METADATA_BYTES) {
    throw malformed(`metadata size ${totalSize} outside 1..${MAX_METADATA_BYTES}`)
  }
  if (dataBytes === 0 || dataBytes > METADATA_CHUNK_BYTES) {
    throw malformed(`metadata chunk of ${dataBytes} bytes outside 1..${METADATA_CHUNK_BYTES}`)
  }
}

/** Throws unless the payload is exactly `expected` bytes. */
function expectPayload(type: string, actual: number, expected: number): void {
  if (actual !== expected) {
    throw malformed(`${type} payload is ${actual} bytes, expected ${expected}`)
  }
}

/** Throws unless the payload is at least `min` bytes. */
function expectPayloadAtLeast(type: string, actual: number, min: number): void {
  if (actual < min) {
    throw malformed(`${type} payload is ${actual} bytes, expected at least ${min}`)
  }
}

function decodeHandshake(payload: Uint8Array): WireMessage {
  const fixed = HANDSHAKE_MAGIC.length + 1 + NONCE_BYTES + 1
  if (payload.length < HANDSHAKE_MAGIC.length) {
    throw new ProtocolError('ERR_BAD_HANDSHAKE', 'handshake too short')
  }
  for (let i = 0; i < HANDSHAKE_MAGIC.length; i++) {
    if (payload[i] !== HANDSHAKE_MAGIC[i]) {
      throw new ProtocolError(
        'ERR_BAD_HANDSHAKE',
        'handshake magic is not SWD3 (a peer of another Swarmdrop version)',
      )
    }
  }
  if (payload.length < fixed) {
    throw new ProtocolError('ERR_BAD_HANDSHAKE', 'handshake too short')
  }
  const flags = payload[HANDSHAKE_MAGIC.length] ?? 0
  const nonceStart = HANDSHAKE_MAGIC.length + 1
  const nonce = payload.subarray(nonceStart, nonceStart + NONCE_BYTES)
  const peerIdBytes = payload[fixed - 1] ?? 0
  if (payload.length !== fixed + peerIdBytes || peerIdBytes === 0) {
    throw new ProtocolError('ERR_BAD_HANDSHAKE', 'handshake peer id length does not match frame')
  }
  let peerId = ''
  for (const code of payload.subarray(fixed)) {
    if (code < 0x21 || code > 0x7e) {
      throw new ProtocolError('ERR_BAD_HANDSHAKE', 'peer id must be printable ASCII')
    }
    peerId += String.fromCharCode(code)
  }
  return { type: 'handshake', nonce, peerId, hasMetadata: (flags & FLAG_HAS_METADATA) !== 0 }
}

function decodeProof(payload: Uint8Array): WireMessage {
  if (payload.length !== PROOF_BYTES && payload.length !== 2 * PROOF_BYTES) {
    throw new ProtocolError('ERR_BAD_HANDSHAKE', `proof payload of ${payload.length} bytes`)
  }
  const link = payload.subarray(0, PROOF_BYTES)
  const password = payload.length === PROOF_BYTES ? null : payload.subarray(PROOF_BYTES)
  return { type: 'proof', link, password }
}

/**
 * Decodes exactly one whole frame (length prefix included). Throws ProtocolError
 * (ERR_MALFORMED_MESSAGE, ERR_UNKNOWN_MESSAGE, ERR_FRAME_TOO_LARGE) on anything malformed;
 * also ERR_BAD_HANDSHAKE for a bad handshake and ERR_BAD_REQUEST for a request/cancel length
 * of 0 or above MAX_BLOCK_BYTES (SPEC WR-4). Byte fields of the result are views into `frame`.
 */
export function decode(frame: Uint8Array): WireMessage {
  if (frame.length < LENGTH_PREFIX_BYTES) {
    throw malformed(`frame of ${frame.length} bytes has no length prefix`)
  }
  const length = readU32(frame, 0)
  if (length > MAX_FRAME_BYTES) {
    throw new ProtocolError(
      'ERR_FRAME_TOO_LARGE',
      `frame of ${length} bytes exceeds ${MAX_FRAME_BYTES}`,
    )
  }
  if (frame.length !== LENGTH_PREFIX_BYTES + length) {
    throw malformed(`frame length prefix ${length} does not match ${frame.length - 4} bytes`)
  }
  if (length === 0) {
    return { type: 'keep-alive' }
  }
  const id = frame[LENGTH_PREFIX_BYTES] ?? 0
  // No payload view and no closure unless a field needs one: one decode per message.
  const payloadBytes = length - 1
  switch (id) {
    case ID.choke:
      expectPayload('choke', payloadBytes, 0)
      return { type: 'choke' }
    case ID.unchoke:
      expectPayload('unchoke', payloadBytes, 0)
      return { type: 'unchoke' }
    case ID.interested:
      expectPayload('interested', payloadBytes, 0)
      return { type: 'interested' }
    case ID['not-interested']:
      expectPayload('not-interested', payloadBytes, 0)
      return { type: 'not-interested' }
    case ID.have:
      expectPayload('have', payloadBytes, 4)
      return { type: 'have', index: pieceIndex(readU32(frame, PAYLOAD_AT)) }
    case ID.bitfield:
      return { type: 'bitfield', bytes: frame.subarray(PAYLOAD_AT) }
    case ID.request:
    case ID['urgent-request']:
    case ID.cancel: {
      const type = id === ID.request ? 'request' : id === ID.cancel ? 'cancel' : 'urgent-request'
      expectPayload(type, payloadBytes, 12)
      checkBlockLength(readU32(frame, PAYLOAD_AT + 8))
      return {
        type,
        index: pieceIndex(readU32(frame, PAYLOAD_AT)),
        begin: readU32(frame, PAYLOAD_AT + 4),
        length: readU32(frame, PAYLOAD_AT + 8),
      }
    }
    case ID.piece:
      expectPayloadAtLeast('piece', payloadBytes, 9)
      return {
        type: 'piece',
        index: pieceIndex(readU32(frame, PAYLOAD_AT)),
        begin: readU32(frame, PAYLOAD_AT + 4),
        block: frame.subarray(PAYLOAD_AT + 8),
      }
    case ID.handshake:
      return decodeHandshake(frame.subarray(PAYLOAD_AT))
    case ID.proof:
      return decodeProof(frame.subarray(PAYLOAD_AT))
    case ID['metadata-request']:
      expectPayload('metadata-request', payloadBytes, 4)
      return { type: 'metadata-request', chunk: readU32(frame, PAYLOAD_AT) }
    case ID['metadata-reject']:
      expectPayload('metadata-reject', payloadBytes, 4)
      return { type: 'metadata-reject', chunk: readU32(frame, PAYLOAD_AT) }
    case ID['metadata-data']: {
      expectPayloadAtLeast('metadata-data', payloadBytes, 9)
      const data = frame.subarray(PAYLOAD_AT + 8)
      checkMetadataData(readU32(frame, PAYLOAD_AT + 4), data.length)
      return {
        type: 'metadata-data',
        chunk: readU32(frame, PAYLOAD_AT),
        totalSize: readU32(frame, PAYLOAD_AT + 4),
        data,
      }
    }
    default:
      throw new ProtocolError('ERR_UNKNOWN_MESSAGE', `unknown message id ${id}`)
  }
}
