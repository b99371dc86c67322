import type {
  ChannelFingerprints,
  ProofInput,
  ProofParty,
  SwarmCrypto,
  SwarmKeys,
  WireMessage,
} from '@swarmdrop/protocol'
import { NONCE_BYTES, ProtocolError, bytesEqual, checkProof, makeProof } from '@swarmdrop/protocol'

import type { PeerRefusal } from './events.ts'

/** Most frames a peer may send after its proof while we are still checking it. */
const MAX_HELD_MESSAGES = 1_024

/** How the proof exchange with one neighbour ended. */
export type AuthResult =
  | { readonly ok: true; readonly remoteHasMetadata: boolean }
  | { readonly ok: false; readonly reason: PeerRefusal; readonly detail: string }

export interface PeerAuthOptions {
  readonly crypto: SwarmCrypto
  readonly keys: SwarmKeys
  readonly selfId: string
  /** The channel's fingerprints as this end sees them (SPEC PL-4). */
  readonly fingerprints: ChannelFingerprints
  readonly send: (message: WireMessage) => void
  /** Called once, when both proofs are settled (ours sent, theirs checked). */
  readonly onResult: (result: AuthResult) => void
  /** Called once, instead of onResult, when computing a proof failed (not the peer's fault). */
  readonly onError: (error: unknown) => void
}

/**
 * The SWD3 handshake with one neighbour (SPEC PL-3…PL-6): each side sends a fresh nonce and its
 * peer id, then a proof over both and over the DTLS fingerprints. Nothing else may flow before
 * both proofs are settled; the engine asks this object until it reports.
 *
 * This tracks: 1. our nonce and the peer's handshake, 2. our proof being sent, 3. the frames the
 * peer sent after its proof while we were still checking it.
 */
export class PeerAuth {
  readonly #options: PeerAuthOptions
  readonly #nonce: Uint8Array
  readonly #held: WireMessage[] = []
  #remote: ProofParty | null = null
  #remoteHasMetadata = false
  #ourProof: Promise<void> | null = null
  #proofReceived = false
  #settled = false

  constructor(options: PeerAuthOptions) {
    this.#options = options
    this.#nonce = options.crypto.randomBytes(NONCE_BYTES)
  }

  /** Sends our handshake: magic, flags, nonce, peer id (SPEC WR-2, PL-3). */
  start(hasMetadata: boolean): void {
    this.#options.send({
      type: 'handshake',
      nonce: this.#nonce,
      peerId: this.#options.selfId,
      hasMetadata,
    })
  }

  /**
   * Takes a frame received before the exchange settled. Throws ProtocolError for a frame out of
   * order: anything before the peer's handshake and proof, or a second of either.
   */
  handle(message: WireMessage): void {
    if (this.#remote === null) {
      if (message.type !== 'handshake') {
        throw new ProtocolError('ERR_BAD_HANDSHAKE', `expected handshake, got ${message.type}`)
      }
      this.#acceptHandshake(message)
      return
    }
    if (!this.#proofReceived) {
      if (message.type !== 'proof') {
        throw new ProtocolError('ERR_BAD_HANDSHAKE', `expected proof, got ${message.type}`)
      }
      this.#proofReceived = true
      this.#check(message.link, message.password)
      return
    }
    if (message.type === 'handshake' || message.type === 'proof') {
      throw new ProtocolError('ERR_BAD_HANDSHAKE', `second ${message.type}`)
    }
    if (this.#held.length >= MAX_HELD_MESSAGES) {
      throw new ProtocolError('ERR_BAD_HANDSHAKE', 'too many frames before the proof was checked')
    }
    this.#held.push(message)
  }

  /** The frames the peer sent after its proof, in order, for the engine to handle once it passed. */
  takeHeld(): WireMessage[] {
    return this.#held.splice(0)
  }

  #acceptHandshake(message: WireMessage & { type: 'handshake' }): void {
    // A reflected handshake (our own nonce back) would let a relay replay our proof to us.
    if (bytesEqual(message.nonce, this.#nonce)) {
      throw new ProtocolError('ERR_BAD_HANDSHAKE', 'the peer echoed our nonce')
    }
    const remote = { nonce: message.nonce.slice(), peerId: message.peerId }
    this.#remote = remote
    this.#remoteHasMetadata = message.hasMetadata
    const { crypto, keys, send } = this.#options
    const outgoing = this.#input('link', this.#self(), remote, this.#options.fingerprints)
    this.#ourProof = (async () => {
      const link = await makeProof(keys.linkKey, outgoing, crypto)
      const password =
        keys.passwordKey === null
          ? null
          : await makeProof(keys.passwordKey, { ...outgoing, kind: 'password' }, crypto)
      if (!this.#settled) {
        send({ type: 'proof', link, password })
      }
    })()
    this.#ourProof.catch((error: unknown) => this.#fail(error))
  }

  #check(link: Uint8Array, password: Uint8Array | null): void {
    const remote = this.#remote as ProofParty
    const { crypto, keys } = this.#options
    const view = this.#options.fingerprints
    // The sender's transcript, rebuilt from our own SDPs: its local certificate is our remote.
    const incoming = this.#input('link', remote, this.#self(), {
      local: view.remote,
      remote: view.local,
    })
    const verdict = (async (): Promise<AuthResult> => {
      if (!(await checkProof(keys.linkKey, incoming, link, crypto))) {
        return { ok: false, reason: 'proof-failed', detail: 'link proof did not verify' }
      }
      if (keys.passwordKey === null || password === null) {
        return keys.passwordKey === password
          ? { ok: true, remoteHasMetadata: this.#remoteHasMetadata }
          : { ok: false, reason: 'wrong-password', detail: 'only one side has a password' }
      }
      const input = { ...incoming, kind: 'password' as const }
      return (await checkProof(keys.passwordKey, input, password, crypto))
        ? { ok: true, remoteHasMetadata: this.#remoteHasMetadata }
        : { ok: false, reason: 'wrong-password', detail: 'password proof did not verify' }
    })()
    // Settle only once our own proof is on the channel: what follows must come after it.
    Promise.all([verdict, this.#ourProof]).then(
      ([result]) => this.#settle(result),
      (error: unknown) => this.#fail(error),
    )
  }

  #self(): ProofParty {
    return { nonce: this.#nonce, peerId: this.#options.selfId }
  }

  #input(
    kind: ProofInput['kind'],
    sender: ProofParty,
    receiver: ProofParty,
    fingerprints: ChannelFingerprints,
  ): ProofInput {
    return { kind, sender, receiver, fingerprints }
  }

  #settle(result: AuthResult): void {
    if (!this.#settled) {
      this.#settled = true
      this.#options.onResult(result)
    }
  }

  #fail(error: unknown): void {
    if (!this.#settled) {
      this.#settled = true
      this.#options.onError(error)
    }
  }
}
