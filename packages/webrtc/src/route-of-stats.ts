import type { ChannelRoute } from '@swarmdrop/engine'

/** One entry of an RTCStatsReport, as far as route classification reads it. */
export type StatsEntry = Readonly<Record<string, unknown>> & { readonly id?: unknown }

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null)

/**
 * Classifies how a connection reaches its neighbour from a `getStats()` report (SPEC NET-1).
 *
 * The selected candidate pair is the one the transport entry names (`selectedCandidatePairId`,
 * Chromium and libwebrtc); where no transport entry names one, the pair marked `selected`
 * (Firefox) or else the nominated pair that succeeded. The path is `relay` when either end is a
 * relay candidate: the bytes then pass through a TURN server, whatever the other end is.
 * @param entries the report's values (`report.values()`)
 * @returns null while no pair has been selected (ICE still checking)
 */
export function routeOfStats(entries: Iterable<StatsEntry>): ChannelRoute | null {
  const byId = new Map<string, StatsEntry>()
  let selectedId: string | null = null
  for (const entry of entries) {
    const id = text(entry.id)
    if (id !== null) {
      byId.set(id, entry)
    }
    if (entry['type'] === 'transport') {
      selectedId ??= text(entry['selectedCandidatePairId'])
    }
  }
  const pair = (selectedId === null ? undefined : byId.get(selectedId)) ?? fallbackPair(byId)
  if (pair === undefined) {
    return null
  }
  const local = byId.get(text(pair['localCandidateId']) ?? '')
  const remote = byId.get(text(pair['remoteCandidateId']) ?? '')
  const localType = text(local?.['candidateType'])
  const remoteType = text(remote?.['candidateType'])
  if (localType === null || remoteType === null) {
    return null
  }
  const rtt = pair['currentRoundTripTime']
  return {
    path: localType === 'relay' || remoteType === 'relay' ? 'relay' : 'direct',
    // Stats give seconds; a fraction of a millisecond is noise on a human-facing figure.
    rttMs: typeof rtt === 'number' && Number.isFinite(rtt) ? Math.round(rtt * 1000) : null,
    localType,
    remoteType,
  }
}

function fallbackPair(byId: ReadonlyMap<string, StatsEntry>): StatsEntry | undefined {
  let nominated: StatsEntry | undefined
  for (const entry of byId.values()) {
    if (entry['type'] !== 'candidate-pair') {
      continue
    }
    if (entry['selected'] === true) {
      return entry
    }
    if (entry['nominated'] === true && entry['state'] === 'succeeded') {
      nominated ??= entry
    }
  }
  return nominated
}
