import { fromHex, toHex } from './bytes.ts'
import { ProtocolError } from './errors.ts'
import type { SwarmId } from './ids.ts'
import { isSwarmId } from './ids.ts'

const FRAGMENT_PATTERN = /^#?([0-9a-fA-F]{64})$/

/**
 * Reads the swarm id from a share link's fragment (SPEC MD-2, MD-5): '#<64 hex>' or '<64 hex>',
 * any case, surrounding whitespace ignored. Throws ProtocolError ERR_BAD_LINK with a message
 * fit for the user otherwise, before anything is contacted.
 */
export function parseShareFragment(hash: string): SwarmId {
  const match = FRAGMENT_PATTERN.exec(hash.trim())
  if (match?.[1] === undefined) {
    throw new ProtocolError(
      'ERR_BAD_LINK',
      'This is not a valid Swarmdrop link: it should end in "#" followed by 64 hexadecimal characters.',
    )
  }
  return match[1].toLowerCase() as SwarmId
}

/** The 32 bytes of a swarm id, as carried in the handshake (SPEC WR-2). */
export function swarmIdToBytes(swarmId: SwarmId): Uint8Array {
  return fromHex(swarmId)
}

/** The swarm id carried as 32 bytes in a handshake; throws ERR_BAD_HANDSHAKE for another size. */
export function swarmIdFromBytes(bytes: Uint8Array): SwarmId {
  const hex = toHex(bytes)
  if (!isSwarmId(hex)) {
    throw new ProtocolError('ERR_BAD_HANDSHAKE', `swarm id of ${bytes.length} bytes, expected 32`)
  }
  return hex
}
