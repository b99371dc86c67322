import type { PieceIndex, PiecePicker } from '@swarmdrop/protocol'

import type { SwarmStats } from './events.ts'
import { PIECE_HELD, PIECE_IN_FLIGHT, PIECE_MISSING } from './events.ts'

/**
 * The piece map of a stats snapshot: per piece whether it is held, on its way (requested from
 * someone, or assembling / being verified here) or missing, and how many neighbours hold it.
 * @param assembling pieces whose blocks we hold but which are not verified yet
 */
export function pieceMapOf(
  picker: PiecePicker,
  pieceCount: number,
  assembling: Iterable<number>,
): Pick<SwarmStats, 'pieceStates' | 'availability'> {
  const states = new Uint8Array(pieceCount)
  const availability = new Uint8Array(pieceCount)
  const have = picker.have
  for (let index = 0; index < pieceCount; index++) {
    const held = have.get(index)
    states[index] = held
      ? PIECE_HELD
      : picker.isInFlight(index as PieceIndex)
        ? PIECE_IN_FLIGHT
        : PIECE_MISSING
    availability[index] = Math.min(255, picker.availability(index as PieceIndex))
  }
  for (const index of assembling) {
    if (states[index] !== PIECE_HELD) {
      states[index] = PIECE_IN_FLIGHT
    }
  }
  return { pieceStates: states, availability }
}
