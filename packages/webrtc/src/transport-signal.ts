/**
 * What the transport sends through the tracker's opaque `signal` relay (SPEC TR-5, TR-7):
 * simple-peer's own signalling data, or a request that the (smaller) receiver dial us.
 *
 * `renegotiate` carries simple-peer's signalling data for a connection that is already open (an
 * ICE restart's offer, answer and candidates, SPEC NET-3). It is a kind of its own because a
 * plain `signal` offer means the remote started over, which destroys the open connection.
 */
export type TransportSignal =
  | { readonly kind: 'signal'; readonly data: object }
  | { readonly kind: 'renegotiate'; readonly data: object }
  | { readonly kind: 'dial-request' }

/** Validates a relayed payload; null for anything else (it came from another peer). */
export function parseTransportSignal(payload: unknown): TransportSignal | null {
  if (typeof payload !== 'object' || payload === null || !('kind' in payload)) {
    return null
  }
  if (payload.kind === 'dial-request') {
    return { kind: 'dial-request' }
  }
  if (
    (payload.kind === 'signal' || payload.kind === 'renegotiate') &&
    'data' in payload &&
    typeof payload.data === 'object' &&
    payload.data !== null
  ) {
    return { kind: payload.kind, data: payload.data }
  }
  return null
}

/** Whether simple-peer signalling data is an SDP offer (the only signal that may start a peer). */
export const isOffer = (data: object): boolean => 'type' in data && data.type === 'offer'
