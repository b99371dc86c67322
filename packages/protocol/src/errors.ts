/** Stable error codes (simple-peer style): match on `code`, never on the message. */
export type ProtocolErrorCode =
  | 'ERR_BAD_BITFIELD'
  | 'ERR_MALFORMED_MESSAGE'
  | 'ERR_FRAME_TOO_LARGE'
  | 'ERR_UNKNOWN_MESSAGE'
  | 'ERR_BAD_METADATA'
  | 'ERR_METADATA_MISMATCH'
  | 'ERR_BAD_HANDSHAKE'
  | 'ERR_BAD_REQUEST'
  | 'ERR_HASH_MISMATCH'
  | 'ERR_BAD_LINK'
  | 'ERR_BAD_PASSWORD'

/** An error raised by protocol code on bad input; never thrown as a string. */
export class ProtocolError extends Error {
  readonly code: ProtocolErrorCode

  constructor(code: ProtocolErrorCode, message: string) {
    super(message)
    this.name = 'ProtocolError'
    this.code = code
  }
}
