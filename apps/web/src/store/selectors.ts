import type { SwarmId } from '@swarmdrop/protocol'

import type { ShareState, SwarmState, SwarmView, TrackerStatusView } from './swarm-store.ts'

/** Named selectors (STYLE §4): components read the store only through these. */

export const selectTracker = (state: SwarmState): TrackerStatusView => state.tracker

export const selectShare = (state: SwarmState): ShareState => state.share

/** The swarm with id `swarmId`, or undefined before the engine has reported it. */
export const selectSwarm =
  (swarmId: SwarmId) =>
  (state: SwarmState): SwarmView | undefined =>
    state.swarms[swarmId]

/** This tab's upload over all its swarms, whole bytes (the `uploaded-bytes` hook). */
export const selectTotalUploadedBytes = (state: SwarmState): number =>
  Object.values(state.swarms).reduce((sum, swarm) => sum + Math.floor(swarm.uploadedBytes), 0)

/** Download progress as an integer percentage 0–100; 100 only once every piece is verified. */
export function progressPercent(swarm: SwarmView | undefined): number {
  if (swarm === undefined) {
    return 0
  }
  if (swarm.complete) {
    return 100
  }
  const count = swarm.file?.pieceCount ?? 0
  if (count === 0) {
    return 0
  }
  return Math.min(99, Math.floor((swarm.piecesVerified / count) * 100))
}

/** Neighbours currently connected in this swarm. */
export const neighbourCount = (swarm: SwarmView | undefined): number => swarm?.peers.length ?? 0

/** Neighbours by how they are reached (SPEC NET-1); those not yet known count in neither. */
export function routeCounts(swarm: SwarmView | undefined): { direct: number; relayed: number } {
  let direct = 0
  let relayed = 0
  for (const peer of swarm?.peers ?? []) {
    if (peer.route?.path === 'direct') {
      direct += 1
    } else if (peer.route?.path === 'relay') {
      relayed += 1
    }
  }
  return { direct, relayed }
}

/** Other members of the swarm per the tracker, or null before its first report. */
export function otherMembers(swarm: SwarmView | undefined): number | null {
  if (swarm === undefined || swarm.size === null) {
    return null
  }
  // The tracker's counts include us (TR-8 reports the swarm's size, and we are a member).
  return Math.max(0, swarm.size.seeders + swarm.size.leechers - 1)
}

/**
 * What the swarm panel needs, as a fresh object: read it through `useShallow`, so the panel skips
 * renders when another swarm or the share flow changes.
 */
export const selectSwarmPanel =
  (swarmId: SwarmId) =>
  (
    state: SwarmState,
  ): { swarm: SwarmView | undefined; tracker: TrackerStatusView; uploadedBytes: number } => ({
    swarm: state.swarms[swarmId],
    tracker: state.tracker,
    uploadedBytes: selectTotalUploadedBytes(state),
  })

/** The upload cap of this tab, bytes/s (0 = unlimited). */
export const selectUploadLimit = (state: SwarmState): number => state.uploadLimitBps
/** The relay-only choice of this tab (SPEC NET-2). */
export const selectRelayOnly = (state: SwarmState): boolean => state.relayOnly
/** Whether the tracker offers a relay; null before its ICE configuration. */
export const selectRelayAvailable = (state: SwarmState): boolean | null => state.relayAvailable

/** A share this tab seeds now, as the library lists it (SPEC UX-5). */
export interface SharingRow {
  readonly swarmId: SwarmId
  readonly name: string
  readonly size: number
}

/** Every swarm of this tab (a stable record: it changes only when a swarm does). */
export const selectSwarms = (state: SwarmState): SwarmState['swarms'] => state.swarms

/** This tab's live shares (swarms it joined holding every piece), oldest first. */
export const sharingOf = (swarms: SwarmState['swarms']): SharingRow[] =>
  Object.values(swarms).flatMap((swarm) =>
    swarm.seeding && swarm.file !== null
      ? [{ swarmId: swarm.swarmId, name: swarm.file.name, size: swarm.file.size }]
      : [],
  )

/** Library entries removed moments ago, still undoable. */
export const selectRemoved = (state: SwarmState): SwarmState['removed'] => state.removed

/** Library entries another tab removed while this page is open. */
export const selectGoneElsewhere = (state: SwarmState): SwarmState['goneElsewhere'] =>
  state.goneElsewhere

/**
 * This tab's live shares as one string (a primitive, so a component reading it re-renders only
 * when a share starts, stops or learns its name, not on every stats snapshot); see sharingOf.
 */
export const selectSharingKey = (state: SwarmState): string =>
  JSON.stringify(sharingOf(state.swarms))

/** Whether the home page's chosen share is known to the store (its seeding view can show). */
export const selectViewingKnown = (state: SwarmState): boolean =>
  state.share.viewing !== null && state.swarms[state.share.viewing] !== undefined
