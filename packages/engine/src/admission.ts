import type { PeerId, Strikes, SwarmId, SwarmKeys, WireMessage } from '@swarmdrop/protocol'
import { blameBadPiece } from '@swarmdrop/protocol'

import type { Channel } from './interfaces.ts'
import type { Neighbour } from './neighbour.ts'
import type { AuthResult } from './peer-auth.ts'
import { PeerAuth } from './peer-auth.ts'
import type { SwarmContext } from './swarm-context.ts'

/** Fingerprints of a transport that has none (in-memory test doubles without certificates). */
const UNBOUND = { local: '', remote: '' } as const

/** Wrong password proofs from one peer before it is shunned (SPEC PL-5): an online guess limit. */
const WRONG_PASSWORDS_TO_SHUN = 5

export interface AdmissionOptions {
  readonly ctx: SwarmContext
  readonly swarmId: SwarmId
  readonly neighbours: ReadonlyMap<PeerId, Neighbour>
  /** Closes a neighbour's channel for `reason` (the swarm forgets it first). */
  readonly close: (n: Neighbour, reason: string) => void
  /** A peer was shunned: the blocks it sent into unfinished pieces go (SPEC EN-2). */
  readonly onShunned: (peer: PeerId) => void
  /** Both proofs passed: the neighbour joins; `held` is what it sent meanwhile, in order. */
  readonly onAdmitted: (n: Neighbour, remoteHasMetadata: boolean, held: WireMessage[]) => void
}

/**
 * Who may join a swarm: the proof exchange with each new neighbour (PeerAuth, SPEC PL-4…PL-6),
 * the refusals it ends in, and the peers shunned for good (a failed link proof, too many wrong
 * passwords, SPEC EN-2's blame for bad pieces).
 *
 * This tracks: 1. each neighbour's proof exchange until it settles, 2. wrong passwords per peer,
 * 3. the shunned peers, 4. the strikes of EN-2, 5. the refusals counted for the stats.
 */
export class Admission {
  readonly #o: AdmissionOptions
  readonly #auths = new WeakMap<Neighbour, PeerAuth>()
  readonly #wrongPasswords = new Map<PeerId, number>()
  readonly #shunned = new Set<PeerId>()
  #strikes: Strikes = new Map()
  #proofFailures = 0
  #wrongPasswordCount = 0
  #stopped = false

  constructor(options: AdmissionOptions) {
    this.#o = options
  }

  /** Shunned peers are never dialled or accepted again in this swarm. */
  isShunned(peer: PeerId): boolean {
    return this.#shunned.has(peer)
  }

  /** The refusals so far (SPEC PL-5, PL-6), for the stats. */
  get refusals(): { readonly proofFailures: number; readonly wrongPasswords: number } {
    return { proofFailures: this.#proofFailures, wrongPasswords: this.#wrongPasswordCount }
  }

  /** Starts the proof exchange over a new neighbour's channel: our handshake goes out. */
  begin(n: Neighbour, channel: Channel, keys: SwarmKeys, hasMetadata: boolean): void {
    const { ctx } = this.#o
    // SPEC PL-4: a transport that can tell the fingerprints but does not is refused (fail closed).
    const fingerprints = channel.fingerprints ? channel.fingerprints() : UNBOUND
    if (fingerprints === null) {
      this.#o.close(n, 'the channel has no DTLS fingerprints to bind the proof to')
      return
    }
    const auth = new PeerAuth({
      crypto: ctx.crypto,
      keys,
      selfId: ctx.selfId() ?? 'unknown',
      fingerprints,
      send: (message) => n.send(message),
      onResult: (result) => this.#handleResult(n, result),
      onError: (error) => this.#o.close(n, `proof not computed: ${String(error)}`),
    })
    this.#auths.set(n, auth)
    auth.start(hasMetadata)
  }

  /** SPEC PL-6: until both proofs are settled only the handshake and the proof may flow. */
  handle(n: Neighbour, message: WireMessage): void {
    this.#auths.get(n)?.handle(message)
  }

  /** SPEC EN-2: blameBadPiece decides who is shunned for a bad piece; this applies it. */
  penalise(contributors: readonly PeerId[]): void {
    const { ctx } = this.#o
    const decision = blameBadPiece(
      contributors,
      this.#strikes,
      ctx.config.strikesToShun,
      this.#shunned,
    )
    this.#strikes = decision.strikes
    for (const { peerId, reason } of decision.shun) {
      this.shun(peerId, reason)
    }
  }

  shun(peer: PeerId, reason: string): void {
    if (this.#shunned.has(peer)) {
      return
    }
    this.#shunned.add(peer)
    const { ctx, swarmId } = this.#o
    ctx.emit({ type: 'peer-shunned', swarmId, peerId: peer, reason })
    this.#o.onShunned(peer)
    const neighbour = this.#o.neighbours.get(peer)
    if (neighbour) {
      this.#o.close(neighbour, `shunned: ${reason}`)
    }
  }

  /** The swarm left: proof exchanges still running settle into nothing. */
  stop(): void {
    this.#stopped = true
  }

  /**
   * SPEC PL-6: the proof exchange settled. Passed: the neighbour joins the swarm, and what it sent
   * meanwhile is handled in order. Failed: the channel closes before a byte of metadata, bitfield
   * or piece crossed it; a failed link proof shuns the peer at once, wrong passwords after a few.
   */
  #handleResult(n: Neighbour, result: AuthResult): void {
    if (this.#stopped) {
      return
    }
    const auth = this.#auths.get(n)
    this.#auths.delete(n)
    // SPEC PL-6: a proof that failed is refused, counted and shunned even if its sender hung up
    // while we checked it (a rival engine closes as soon as our proof fails for it); only a
    // neighbour still here can go on to the exchange.
    if (!result.ok) {
      this.#refuse(n, result.reason, result.detail)
      return
    }
    if (n.closed || this.#o.neighbours.get(n.peerId) !== n) {
      return
    }
    this.#o.onAdmitted(n, result.remoteHasMetadata, auth?.takeHeld() ?? [])
  }

  #refuse(n: Neighbour, reason: 'proof-failed' | 'wrong-password', detail: string): void {
    const { ctx, swarmId } = this.#o
    const peer = n.peerId
    ctx.logger.warn('peer refused', { peer, reason, detail })
    ctx.emit({ type: 'peer-refused', swarmId, peerId: peer, reason })
    if (reason === 'proof-failed') {
      this.#proofFailures++
      this.shun(peer, `its link proof failed (${detail})`)
      return
    }
    this.#wrongPasswordCount++
    const count = (this.#wrongPasswords.get(peer) ?? 0) + 1
    this.#wrongPasswords.set(peer, count)
    if (count >= WRONG_PASSWORDS_TO_SHUN) {
      this.shun(peer, `${count} wrong passwords`)
    } else {
      this.#o.close(n, `wrong password (${detail})`)
    }
  }
}
