import type { SwarmId, WireMessage } from '@swarmdrop/protocol'
import { ProtocolError, decode } from '@swarmdrop/protocol'

import type { Admission } from './admission.ts'
import type { Choking } from './choking.ts'
import type { Neighbour } from './neighbour.ts'
import type { Phase } from './phases.ts'
import type { SwarmContext } from './swarm-context.ts'

export interface WireDispatchOptions {
  readonly ctx: SwarmContext
  readonly swarmId: SwarmId
  readonly admission: Admission
  readonly choking: Choking
  /** The swarm's current phase (it changes once, when the metadata arrives). */
  readonly phase: () => Phase
  /** Closes a neighbour's channel for `reason` (the swarm forgets it first). */
  readonly close: (n: Neighbour, reason: string) => void
}

/**
 * Routes each frame a neighbour sends to the part that answers it: the proof exchange until it
 * settles (SPEC PL-6), the neighbour's own choke and interest flags (BEP 3), the choker for a
 * newly interested neighbour (CK-6), and the phase for the rest. Any error closes the channel.
 * It holds no state of its own.
 */
export class WireDispatch {
  readonly #o: WireDispatchOptions

  constructor(options: WireDispatchOptions) {
    this.#o = options
  }

  /** Decodes and handles one frame (a channel message carries one, see Channel). */
  handleFrame(n: Neighbour, bytes: Uint8Array): void {
    if (n.closed) {
      return
    }
    // Not through handle(): no closure per frame.
    try {
      this.#handleMessage(n, decode(bytes))
    } catch (error) {
      this.#protocolError(n, error)
    }
  }

  /** Handles one decoded message (one held back during the proof exchange). */
  handle(n: Neighbour, message: WireMessage): void {
    try {
      this.#handleMessage(n, message)
    } catch (error) {
      this.#protocolError(n, error)
    }
  }

  /** A ProtocolError (or any error) from handling a neighbour's frame closes its channel. */
  #protocolError(n: Neighbour, error: unknown): void {
    const { ctx, swarmId } = this.#o
    const reason =
      error instanceof ProtocolError ? `${error.code}: ${error.message}` : String(error)
    ctx.logger.warn('protocol error', { peer: n.peerId, reason })
    ctx.emit({ type: 'error', swarmId, code: 'ERR_PROTOCOL', message: reason })
    this.#o.close(n, `protocol error: ${reason}`)
  }

  #handleMessage(n: Neighbour, message: WireMessage): void {
    if (!n.handshaken) {
      this.#o.admission.handle(n, message)
      return
    }
    switch (message.type) {
      case 'keep-alive':
        return
      case 'handshake':
      case 'proof':
        throw new ProtocolError('ERR_BAD_HANDSHAKE', `second ${message.type}`)
      case 'choke':
      case 'unchoke':
        n.setPeerChoking(message.type === 'choke')
        break
      case 'interested':
        n.setPeerInterested(true)
        this.#o.choking.unchokeIfSlotFree(n)
        return
      case 'not-interested':
        n.setPeerInterested(false)
        return
      case 'bitfield':
        n.markHasMetadata()
        break
      default:
        break
    }
    this.#o.phase().handle(n, message)
  }
}
