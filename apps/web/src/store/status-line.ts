import type { DialAccount } from '@swarmdrop/engine'

import { neighbourCount, otherMembers } from './selectors.ts'
import type { SwarmView, TrackerStatusView } from './swarm-store.ts'

/** A sentence of the status line: a catalogue key and its values (`count` picks the plural). */
export interface StatusPart {
  readonly key: string
  readonly values?: Readonly<Record<string, string | number>>
}

/** Looks a key up in the page's language (i18next's `t`, or a test's stand-in). */
export type Translate = (key: string, values?: Readonly<Record<string, string | number>>) => string

const part = (key: string, values?: Record<string, string | number>): StatusPart =>
  values === undefined ? { key } : { key, values }

/** Below this wait, saying how long we waited adds nothing. */
const WAITED_SHOWN_AFTER_MS = 30_000

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
function couldNotConnect(dials: DialAccount, relayAvailable: boolean): StatusPart | null {
  const failures = Object.values(dials.dialFailures).reduce((sum, n) => sum + n, 0)
  if (dials.peersOffered === 0 || failures === 0) {
    return null
  }
  const count = dials.peersOffered
  // Time-outs and failed ICE mean no route between the two networks; the rest means the peers
  // the tracker named are gone or never answered, which no relay would fix.
  const blocked = dials.dialFailures.ERR_DIAL_TIMEOUT + dials.dialFailures.ERR_ICE_FAILED > 0
  if (!blocked) {
    return part('status.download.unanswered', { count })
  }
  return relayAvailable
    ? part('status.download.blockedEvenRelayed', { count })
    : part('status.download.blocked', { count })
}

/** "Waiting for 3 min": only once the wait is long enough to matter; minutes, so it rarely changes. */
function waited(swarm: SwarmView): StatusPart | null {
  if (swarm.joinedAt === null || swarm.sampledAt === null) {
    return null
  }
  const ms = swarm.sampledAt - swarm.joinedAt
  if (ms < WAITED_SHOWN_AFTER_MS) {
    return null
  }
  return ms < 60_000
    ? part('status.waitedUnderAMinute')
    : part('status.waitedMinutes', { count: Math.floor(ms / 60_000) })
}

/** Neighbours that can tell us what the file is (they hold the metadata). */
const withDetails = (swarm: SwarmView): number => swarm.peers.filter((p) => p.hasMetadata).length

/** Whether the tracker says nobody holding the whole file is in the swarm (SPEC TR-8). */
const noSeederListed = (swarm: SwarmView): boolean =>
  swarm.size !== null && swarm.size.seeders === 0

/** The part of the line that a tracker outage adds, seen from a downloader (SPEC UX-1). */
function trackerPart(swarm: SwarmView | undefined, tracker: TrackerStatusView): StatusPart | null {
  if (tracker !== 'reconnecting') {
    return null
  }
  return neighbourCount(swarm) > 0
    ? part('status.trackerDownKeepsGoing')
    : part('status.trackerDownNobodyFound')
}

/**
 * Why nothing arrives before the file details do: a link nobody seeds says so, and says the
 * sender's page must stay open, instead of "fetching details" from people who have none (UX-1).
 */
function beforeDetails(swarm: SwarmView, relayAvailable: boolean): StatusPart {
  const neighbours = neighbourCount(swarm)
  const sources = withDetails(swarm)
  if (sources > 0) {
    return part('status.download.fetchingDetails', { count: sources })
  }
  const others = otherMembers(swarm) ?? 0
  if (neighbours > 0 || (noSeederListed(swarm) && others > 0)) {
    // Only other downloaders: they wait for the same sender.
    return part('status.download.nobodyWithFileOthersWaiting', {
      count: Math.max(neighbours, others),
    })
  }
  const failed = couldNotConnect(swarm.dials, relayAvailable)
  if (failed !== null) {
    return failed
  }
  if (swarm.size === null) {
    return part('status.download.looking')
  }
  return others === 0 ? part('status.download.nobodyWithFile') : part('status.download.connecting')
}

/**
 * The download view's one line, most important fact first, as parts to translate and join
 * (SPEC EN-13, UX-1). Pure: the store's facts in, sentences out. Never a rate or time left.
 * @param relayAvailable whether the tracker offers a TURN relay (SwarmState.relayAvailable)
 */
export function downloadStatusParts(
  swarm: SwarmView | undefined,
  tracker: TrackerStatusView,
  relayAvailable = false,
): StatusPart[] {
  if (swarm?.complete === true) {
    return [part('status.download.complete')]
  }
  const outage = trackerPart(swarm, tracker)
  if (swarm === undefined) {
    return outage === null ? [part('status.download.looking')] : [outage]
  }
  const neighbours = neighbourCount(swarm)
  let main: StatusPart
  let stuck = true
  if (swarm.file !== null) {
    if (!nobodyHasTheRest(swarm)) {
      main = part('status.download.downloading', { count: neighbours })
      stuck = false
    } else if (swarm.senderLeftAtPercent !== null) {
      main = part('status.download.senderLeft', { percent: swarm.senderLeftAtPercent })
    } else if (neighbours > 0) {
      main = part('status.download.noneHasTheRest', { count: neighbours })
    } else {
      main = couldNotConnect(swarm.dials, relayAvailable) ?? part('status.download.lookingForRest')
    }
  } else {
    main = beforeDetails(swarm, relayAvailable)
    stuck = main.key !== 'status.download.fetchingDetails'
  }
  const wait = stuck ? waited(swarm) : null
  return [main, outage, wait].filter((p): p is StatusPart => p !== null)
}

/** A seeder's neighbours that hold the whole file (finished downloaders, other seeders). */
export function finishedNeighbours(swarm: SwarmView): number {
  const count = swarm.file?.pieceCount ?? 0
  return count === 0 ? 0 : swarm.peers.filter((p) => p.piecesHeld >= count).length
}

/**
 * The seeding view's one line: who is connected, who has finished, and what a tracker outage
 * means for them (SPEC UX-1, WR-3).
 */
export function seedStatusParts(
  swarm: SwarmView | undefined,
  tracker: TrackerStatusView,
): StatusPart[] {
  const neighbours = neighbourCount(swarm)
  const parts: StatusPart[] = []
  if (swarm === undefined || neighbours === 0) {
    parts.push(part('status.seed.nobodyYet'))
  } else {
    const finished = finishedNeighbours(swarm)
    parts.push(part('status.seed.connected', { count: neighbours }))
    if (finished > 0) {
      parts.push(part('status.seed.finished', { count: finished }))
    }
    if (neighbours - finished > 0) {
      parts.push(part('status.seed.downloading', { count: neighbours - finished }))
    }
  }
  if (tracker === 'reconnecting') {
    parts.push(part('status.trackerDownSeeding'))
  }
  parts.push(part('status.seed.keepOpen'))
  return parts
}

/** Translates parts and joins them into the one line. */
export const statusText = (parts: readonly StatusPart[], t: Translate): string =>
  parts.map((p) => t(p.key, p.values)).join(' ')
