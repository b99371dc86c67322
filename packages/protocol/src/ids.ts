/** Index of a piece (the hashed unit) within a swarm's file. */
export type PieceIndex = number & { readonly __brand: 'PieceIndex' }

/** A peer's id, assigned by the tracker: 1–64 characters from [A-Za-z0-9_-]. */
export type PeerId = string & { readonly __brand: 'PeerId' }

/** A swarm's id: the SHA-256 of its canonical metadata encoding, as 64 lowercase hex digits. */
export type SwarmId = string & { readonly __brand: 'SwarmId' }

/** Brands a number as a piece index (no checks: callers validate against the piece count). */
export const pieceIndex = (n: number): PieceIndex => n as PieceIndex

const PEER_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/
const SWARM_ID_PATTERN = /^[0-9a-f]{64}$/

/** Returns whether `s` is a well-formed peer id. */
export const isPeerId = (s: unknown): s is PeerId =>
  typeof s === 'string' && PEER_ID_PATTERN.test(s)

/** Returns whether `s` is a well-formed swarm id. */
export const isSwarmId = (s: unknown): s is SwarmId =>
  typeof s === 'string' && SWARM_ID_PATTERN.test(s)

/**
 * What the tracker, its Redis, TURN and every signal carry instead of the swarm id (SPEC PL-2):
 * HKDF-SHA-256 of the swarm id, 64 lowercase hex digits. One-way, so none of them can join.
 */
export type DiscoveryId = string & { readonly __brand: 'DiscoveryId' }

/** Returns whether `s` is a well-formed discovery id (the tracker's 64-hex swarm key). */
export const isDiscoveryId = (s: unknown): s is DiscoveryId =>
  typeof s === 'string' && SWARM_ID_PATTERN.test(s)
