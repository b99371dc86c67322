/** The bytes of `piece` from `offset` for `length` (to the end when omitted), checked. */
export function readSpan(
  piece: Uint8Array,
  index: number,
  offset = 0,
  length = piece.length - offset,
): Uint8Array {
  if (offset < 0 || length < 0 || offset + length > piece.length) {
    throw new RangeError(`span ${offset}+${length} outside piece ${index} (${piece.length} bytes)`)
  }
  return piece.slice(offset, offset + length)
}
