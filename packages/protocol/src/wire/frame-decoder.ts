import type { WireMessage } from './messages.ts'

/** Accepts arbitrary chunks of a byte stream and yields whole messages. */
export class FrameDecoder {
  /** Returns the messages completed by this chunk; throws ProtocolError on a bad frame. */
  push(chunk: Uint8Array): WireMessage[] {
    throw new Error(`not implemented ${chunk.length}`)
  }
}
