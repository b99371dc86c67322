import { readU32 } from '../bytes.ts'
import { ProtocolError } from '../errors.ts'
import { MAX_FRAME_BYTES, decode } from './codec.ts'
import type { WireMessage } from './messages.ts'

const LENGTH_PREFIX_BYTES = 4

/**
 * Accepts arbitrary chunks of a byte stream and yields whole messages.
 *
 * This tracks: 1. the bytes of an unfinished frame, 2. whether a bad frame has been seen (the
 * stream is then unusable: every later push throws the same error, SPEC WR-4).
 */
export class FrameDecoder {
  /** Unconsumed bytes, always a fresh buffer owned by the decoder (never a caller's chunk). */
  #pending: Uint8Array = new Uint8Array(0)
  #failure: ProtocolError | null = null

  /** Returns the messages completed by this chunk; throws ProtocolError on a bad frame. */
  push(chunk: Uint8Array): WireMessage[] {
    if (this.#failure !== null) {
      throw this.#failure
    }
    try {
      return this.#push(chunk)
    } catch (error) {
      if (error instanceof ProtocolError) {
        this.#failure = error
      }
      throw error
    }
  }

  #push(chunk: Uint8Array): WireMessage[] {
    // One frame per data-channel message is the common case (SPEC WR-1): decode it in place.
    let bytes = chunk
    if (this.#pending.length > 0) {
      bytes = new Uint8Array(this.#pending.length + chunk.length)
      bytes.set(this.#pending)
      bytes.set(chunk, this.#pending.length)
    }
    const messages: WireMessage[] = []
    let at = 0
    while (bytes.length - at >= LENGTH_PREFIX_BYTES) {
      const length = readU32(bytes, at)
      // Reject before buffering, so a hostile length cannot make us hold 4 GiB.
      if (length > MAX_FRAME_BYTES) {
        throw new ProtocolError(
          'ERR_FRAME_TOO_LARGE',
          `frame of ${length} bytes exceeds ${MAX_FRAME_BYTES}`,
        )
      }
      const end = at + LENGTH_PREFIX_BYTES + length
      if (end > bytes.length) {
        break
      }
      messages.push(decode(bytes.subarray(at, end)))
      at = end
    }
    // Copy the remainder so a caller reusing its chunk buffer cannot corrupt it.
    this.#pending = bytes.slice(at)
    return messages
  }
}
