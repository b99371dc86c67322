/**
 * Byte helpers for the codecs. TextEncoder/TextDecoder are not in the ES lib this package is
 * checked against (docs/adr/0001-layering.md), so UTF-8 is done by hand; the decoder is strict
 * (no overlong forms, no surrogates) because canonical encodings depend on it (SPEC MD-1).
 */

/** Reads a big-endian u32 at `offset`; the caller guarantees 4 bytes are there. */
export function readU32(bytes: Uint8Array, offset: number): number {
  return (
    (((bytes[offset] ?? 0) << 24) |
      ((bytes[offset + 1] ?? 0) << 16) |
      ((bytes[offset + 2] ?? 0) << 8) |
      (bytes[offset + 3] ?? 0)) >>>
    0
  )
}

/** Writes a big-endian u32 at `offset`. */
export function writeU32(bytes: Uint8Array, offset: number, value: number): void {
  bytes[offset] = value >>> 24
  bytes[offset + 1] = (value >>> 16) & 0xff
  bytes[offset + 2] = (value >>> 8) & 0xff
  bytes[offset + 3] = value & 0xff
}

/** Whether `n` fits a u32 field. */
export const isU32 = (n: number): boolean => Number.isInteger(n) && n >= 0 && n <= 0xffff_ffff

/** Encodes a string as UTF-8; returns null when it holds a lone surrogate (not encodable). */
export function utf8Encode(text: string): Uint8Array | null {
  const out: number[] = []
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i)
    if (code >= 0xd800 && code <= 0xdfff) {
      const next = text.charCodeAt(i + 1)
      if (code > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) {
        return null
      }
      code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00)
      i++
    }
    if (code < 0x80) {
      out.push(code)
    } else if (code < 0x800) {
      out.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f))
    } else if (code < 0x10000) {
      out.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f))
    } else {
      out.push(
        0xf0 | (code >> 18),
        0x80 | ((code >> 12) & 0x3f),
        0x80 | ((code >> 6) & 0x3f),
        0x80 | (code & 0x3f),
      )
    }
  }
  return Uint8Array.from(out)
}

/** Smallest code point each sequence length may encode; anything lower is an overlong form. */
const MIN_CODE_POINT = [0, 0x80, 0x800, 0x10000]

/** Decodes strict UTF-8; returns null on any invalid, overlong or surrogate sequence. */
export function utf8Decode(bytes: Uint8Array): string | null {
  let text = ''
  let i = 0
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0
    let extra: number
    let code: number
    if (lead < 0x80) {
      extra = 0
      code = lead
    } else if ((lead & 0xe0) === 0xc0) {
      extra = 1
      code = lead & 0x1f
    } else if ((lead & 0xf0) === 0xe0) {
      extra = 2
      code = lead & 0x0f
    } else if ((lead & 0xf8) === 0xf0) {
      extra = 3
      code = lead & 0x07
    } else {
      return null
    }
    for (let k = 1; k <= extra; k++) {
      const cont = bytes[i + k]
      if (cont === undefined || (cont & 0xc0) !== 0x80) {
        return null
      }
      code = (code << 6) | (cont & 0x3f)
    }
    const min = MIN_CODE_POINT[extra] ?? 0
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      return null
    }
    text += String.fromCodePoint(code)
    i += extra + 1
  }
  return text
}

/** Lowercase hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  let hex = ''
  for (const byte of bytes) {
    hex += byte.toString(16).padStart(2, '0')
  }
  return hex
}

/** Bytes of a hex string of even length; the caller validates the digits. */
export function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length >> 1)
  for (let i = 0; i < out.length; i++) {
    out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16)
  }
  return out
}

/** Whether two byte arrays hold the same bytes. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) {
    return false
  }
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      return false
    }
  }
  return true
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/** RFC 4648 §5 base64url without padding (btoa is not in this package's lib). */
export function toBase64Url(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0)
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6))
    for (let c = 0; c < chars; c++) {
      out += BASE64URL[(n >> (18 - 6 * c)) & 63]
    }
  }
  return out
}

/**
 * Decodes unpadded base64url; null on a character outside the alphabet or a non-canonical
 * spelling (spare bits set, impossible length), so every byte string has exactly one text form.
 */
export function fromBase64Url(text: string): Uint8Array | null {
  if (text.length % 4 === 1) {
    return null
  }
  const out = new Uint8Array(Math.floor((text.length * 6) / 8))
  let bits = 0
  let value = 0
  let at = 0
  for (const char of text) {
    const digit = BASE64URL.indexOf(char)
    if (digit < 0) {
      return null
    }
    value = ((value << 6) | digit) & 0xffffff
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out[at++] = (value >> bits) & 0xff
    }
  }
  return (value & ((1 << bits) - 1)) === 0 ? out : null
}

/** Compares two byte arrays in time independent of where they differ (proof checks). */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) {
    return false
  }
  let diff = 0
  for (let i = 0; i < a.length; i++) {
    diff |= (a[i] ?? 0) ^ (b[i] ?? 0)
  }
  return diff === 0
}

/** The parts, back to back, in one new array. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}
