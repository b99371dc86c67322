import type { WireMessage } from './messages.ts'

/** Largest frame accepted (id + payload): a 256 KiB block plus headers. */
export const MAX_FRAME_BYTES = 256 * 1024 + 64

/** Encodes one message as one frame, length prefix included. */
export function encode(message: WireMessage): Uint8Array {
  throw new Error(`not implemented ${message.type}`)
}

/**
 * Decodes exactly one whole frame (length prefix included). Throws ProtocolError
 * (ERR_MALFORMED_MESSAGE, ERR_UNKNOWN_MESSAGE, ERR_FRAME_TOO_LARGE) on anything malformed.
 */
export function decode(frame: Uint8Array): WireMessage {
  throw new Error(`not implemented ${frame.length}`)
}
