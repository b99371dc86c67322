import type { PeerId } from '@swarmdrop/protocol'

import type { EngineConfig } from './config.ts'
import { decideLiveness, idleReason } from './liveness.ts'
import type { Neighbour } from './neighbour.ts'

/**
 * SPEC EN-10, EN-11: decideLiveness decides, this applies it: keep-alives to those we are quiet
 * with, idle neighbours closed through `close`.
 * @param now engine clock, ms
 */
export function checkLiveness(
  neighbours: ReadonlyMap<PeerId, Neighbour>,
  now: number,
  config: EngineConfig,
  close: (n: Neighbour, reason: string) => void,
): void {
  const decision = decideLiveness(neighbours.values(), now, config)
  for (const peer of decision.keepAlive) {
    const neighbour = neighbours.get(peer)
    // SPEC PL-6: only the handshake and the proof before both proofs settle; a peer still
    // waiting for our proof takes anything else for a protocol error. A neighbour whose
    // handshake never comes is still dropped as idle below (EN-11).
    if (neighbour?.handshaken === true) {
      neighbour.send({ type: 'keep-alive' })
    }
  }
  for (const peer of decision.idle) {
    const neighbour = neighbours.get(peer)
    if (neighbour) {
      close(neighbour, idleReason(config.peerIdleTimeoutMs))
    }
  }
}
