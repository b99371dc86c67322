/**
 * The part of a simple-peer instance the transport uses. Both flavours (simple-peer 9 and
 * @thaunknown/simple-peer 10) satisfy it; typing it here keeps the flavour a one-line switch.
 */
export interface SimplePeerInstance {
  signal(data: unknown): void
  /** Writes straight to the data channel, bypassing the stream's own write buffer. */
  send(bytes: Uint8Array): void
  destroy(error?: Error): void
  on(event: 'signal', listener: (data: object) => void): this
  on(event: 'connect' | 'close', listener: () => void): this
  on(event: 'data', listener: (data: unknown) => void): this
  on(event: 'error', listener: (error: Error) => void): this
  /** ICE connection state changes, as simple-peer re-emits them from the peer connection. */
  on(event: 'iceStateChange', listener: (iceConnectionState: string) => void): this
  /**
   * Starts a (re)negotiation: on the initiator a new offer (an ICE restart's, after
   * `_pc.restartIce()`); both flavours have it.
   */
  negotiate(): void
  /** The underlying data channel; set from construction (initiator) or on `datachannel`. */
  readonly _channel: RTCDataChannel | null | undefined
  /**
   * The underlying peer connection, for getStats(), state events and ICE restart; simple-peer
   * exposes no API for those. Unset only if construction failed (the peer is then destroyed).
   */
  readonly _pc: RTCPeerConnection | undefined
}

/** Constructor options both flavours accept (`wrtc` only matters to simple-peer 9 in Node). */
export interface SimplePeerOptions {
  readonly initiator: boolean
  readonly config: RTCConfiguration
  /** Message mode: every data-channel message surfaces as one `data` event, never merged. */
  readonly objectMode: true
  readonly wrtc?: object
}

export type SimplePeerConstructor = new (options: SimplePeerOptions) => SimplePeerInstance
