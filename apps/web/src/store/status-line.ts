import { DIAL_FAILURE_CODES } from '@swarmdrop/engine'
import type { DialAccount, DialFailureCode } from '@swarmdrop/engine'

import { neighbourCount, otherMembers } from './selectors.ts'
import type { SwarmView, TrackerStatusView } from './swarm-store.ts'

const people = (n: number): string => `${n} ${n === 1 ? 'person' : 'people'}`
const found = (n: number): string =>
  `Found ${people(n)} sharing this file but could not connect to any`

/**
 * Status line texts, most with the figure they report. Only `complete` contains the word
 * "complete" (CONTRACT: `status`).
 */
export const DOWNLOAD_STATUS = {
  complete: 'Download complete — seeding to others',
  trackerDown: 'Tracker unreachable — reconnecting…',
  downloading: 'Downloading',
  fetchingDetails: 'Fetching file details…',
  noPeersYet: "No peers in this swarm yet — keep this tab open, we'll keep looking",
  looking: 'Looking for peers…',
  lookingForRest: 'Looking for anyone who has the rest…',
  senderLeft: (percent: number): string =>
    `The sender left at ${percent} %: waiting for anyone who has the rest`,
  noneHasTheRest: (neighbours: number): string =>
    `Connected to ${people(neighbours)}, but none has the rest yet: waiting for anyone who has it`,
  blocked: (offered: number): string =>
    `${found(offered)}: their network or yours blocks direct connections, and this Swarmdrop has no relay configured.`,
  blockedEvenRelayed: (offered: number): string => `${found(offered)}, even through the relay.`,
  unanswered: (offered: number): string =>
    `${found(offered)}: they seem to have left, or did not answer.`,
} as const

/**
 * Nobody connected can send us anything: no neighbours, or every piece we lack is held by none of
 * them and none is in flight. Unknown (no piece map yet, neighbours connected) counts as no.
 */
export function nobodyHasTheRest(swarm: SwarmView): boolean {
  if (swarm.peers.length === 0) {
    return true
  }
  const map = swarm.pieceMap
  return map !== null && map.inFlight === 0 && map.unavailable === map.missing
}

/** Why no connection came up, when peers were named and dials failed (SPEC EN-12); else null. */
function couldNotConnect(dials: DialAccount, relayAvailable: boolean): string | null {
  const failures = Object.values(dials.dialFailures).reduce((sum, n) => sum + n, 0)
  if (dials.peersOffered === 0 || failures === 0) {
    return null
  }
  // Time-outs and failed ICE mean no route between the two networks; the rest means the peers
  // the tracker named are gone or never answered, which no relay would fix.
  const blocked = dials.dialFailures.ERR_DIAL_TIMEOUT + dials.dialFailures.ERR_ICE_FAILED > 0
  if (!blocked) {
    return DOWNLOAD_STATUS.unanswered(dials.peersOffered)
  }
  return relayAvailable
    ? DOWNLOAD_STATUS.blockedEvenRelayed(dials.peersOffered)
    : DOWNLOAD_STATUS.blocked(dials.peersOffered)
}

/**
 * The download view's one-line state, most important fact first. Pure: the store's facts in,
 * a sentence out.
 * @param relayAvailable whether the tracker offers a TURN relay (SwarmState.relayAvailable)
 */
export function downloadStatus(
  swarm: SwarmView | undefined,
  tracker: TrackerStatusView,
  relayAvailable = false,
): string {
  if (swarm?.complete === true) {
    return DOWNLOAD_STATUS.complete
  }
  if (tracker === 'reconnecting') {
    return DOWNLOAD_STATUS.trackerDown
  }
  if (swarm === undefined) {
    return DOWNLOAD_STATUS.looking
  }
  const neighbours = neighbourCount(swarm)
  if (swarm.file !== null) {
    if (!nobodyHasTheRest(swarm)) {
      return DOWNLOAD_STATUS.downloading
    }
    if (swarm.senderLeftAtPercent !== null) {
      return DOWNLOAD_STATUS.senderLeft(swarm.senderLeftAtPercent)
    }
    if (neighbours > 0) {
      return DOWNLOAD_STATUS.noneHasTheRest(neighbours)
    }
    return couldNotConnect(swarm.dials, relayAvailable) ?? DOWNLOAD_STATUS.lookingForRest
  }
  if (neighbours > 0) {
    return DOWNLOAD_STATUS.fetchingDetails
  }
  const failed = couldNotConnect(swarm.dials, relayAvailable)
  if (failed !== null) {
    return failed
  }
  return otherMembers(swarm) === 0 ? DOWNLOAD_STATUS.noPeersYet : DOWNLOAD_STATUS.looking
}

/** A dial failure's cause in plain words, for the swarm panel. */
export const DIAL_FAILURE_WORDS: Readonly<Record<DialFailureCode, string>> = {
  ERR_DIAL_TIMEOUT: 'timed out',
  ERR_ICE_FAILED: 'blocked (ICE failed)',
  ERR_PEER_UNREACHABLE: 'peer gone',
  ERR_DIAL_CLOSED: 'closed while connecting',
  ERR_DIAL_OTHER: 'other',
}

/** "2 timed out, 1 peer gone", in DIAL_FAILURE_CODES order; "none" while no dial failed. */
export function dialFailureSummary(dials: DialAccount): string {
  const parts = DIAL_FAILURE_CODES.filter((code) => dials.dialFailures[code] > 0).map(
    (code) => `${dials.dialFailures[code]} ${DIAL_FAILURE_WORDS[code]}`,
  )
  return parts.length === 0 ? 'none' : parts.join(', ')
}
