/**
 * The tracker's Prometheus metrics (prom-client). Each server owns its Registry rather than the
 * process-global one, so several servers in one process (tests, the bench) never clash.
 */
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client'

/** Why an inbound event was refused; the `reason` label of `rejected_events_total`. */
export type RejectReason =
  | 'invalid-payload'
  | 'not-member'
  | 'unknown-peer'
  | 'rate-limited'
  | 'swarm-full'
  | 'too-many-swarms'
  | 'unknown-event'
  | 'origin'
  | 'internal'

/** Live figures the gauges read at scrape time. */
export interface MetricsSource {
  sockets(): number
  swarms(): number
  peers(): number
}

/** Counters the handlers bump, plus the registry /metrics serves. */
export interface TrackerMetrics {
  readonly registry: Registry
  readonly announces: Counter
  readonly joins: Counter
  readonly signalsRelayed: Counter
  readonly floodDisconnects: Counter
  rejected(event: string, reason: RejectReason): void
}

/** Builds the metrics of one server; gauges read `source` on every scrape. */
export function createTrackerMetrics(
  source: MetricsSource,
  options: { readonly processMetrics?: boolean } = {},
): TrackerMetrics {
  const registry = new Registry()
  const prefix = 'swarmdrop_tracker_'
  if (options.processMetrics === true) {
    collectDefaultMetrics({ register: registry })
  }
  const gauge = (name: string, help: string, read: () => number): void => {
    new Gauge({
      name: `${prefix}${name}`,
      help,
      registers: [registry],
      collect() {
        this.set(read())
      },
    })
  }
  gauge('sockets', 'Connected Socket.IO clients of this process', () => source.sockets())
  gauge('swarms', 'Swarms with at least one member on this process', () => source.swarms())
  gauge('peers', 'Swarm memberships of this process’s sockets', () => source.peers())
  const counter = (name: string, help: string, labelNames: string[] = []): Counter =>
    new Counter({ name: `${prefix}${name}`, help, labelNames, registers: [registry] })
  const rejectedEvents = counter(
    'rejected_events_total',
    'Inbound events refused, by event and reason',
    ['event', 'reason'],
  )
  return {
    registry,
    announces: counter('announces_total', 'Announces answered'),
    joins: counter('joins_total', 'Announces that joined a swarm'),
    signalsRelayed: counter('signals_relayed_total', 'Signals relayed to their target'),
    floodDisconnects: counter(
      'flood_disconnects_total',
      'Sockets disconnected for exceeding their rate limits again and again',
    ),
    rejected: (event, reason) => rejectedEvents.inc({ event, reason }),
  }
}
