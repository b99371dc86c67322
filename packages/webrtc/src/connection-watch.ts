import type { ChannelRoute } from '@swarmdrop/engine'
import type { Clock, Logger, Unsubscribe } from '@swarmdrop/protocol'

import type { IceSettingsRefresher } from './ice-settings.ts'
import { type StatsEntry, routeOfStats } from './route-of-stats.ts'
import type { SimplePeerInstance } from './simple-peer-types.ts'

/** How often an open connection's route is read: cheap (one getStats), and RTT drifts slowly. */
export const ROUTE_POLL_INTERVAL_MS = 2_000

/**
 * ICE `disconnected` this long starts an ICE restart (SPEC NET-3). Short blips (a Wi-Fi
 * roam, a lost burst) recover by themselves within a second or two; restarting for them would
 * only cost a signalling round trip.
 */
export const DISCONNECTED_GRACE_MS = 3_000

/** An ICE restart that has not reconnected after this long gives up: as long as a fresh dial. */
export const RESTART_TIMEOUT_MS = 15_000

/** What the watch needs from its channel. */
export interface ConnectionWatchOptions {
  readonly clock: Clock
  readonly logger: Logger
  /** This side made the offer (the smaller peer id, SPEC TR-7), so it is the one that restarts. */
  readonly initiator: boolean
  readonly refreshIceConfig?: IceSettingsRefresher | undefined
  /** The connection is beyond saving: close the channel. */
  readonly onGone: (reason: Error) => void
}

/** The route and ICE-restart side of one open connection. */
export interface ConnectionWatch {
  route(): ChannelRoute | null
  /** Starts an ICE restart now (the watch does it itself on a lasting `disconnected`). */
  restartIce(): Promise<void>
  stop(): void
}

/**
 * Watches an open peer connection: its route (SPEC NET-1) and its ICE state (SPEC NET-3).
 *
 * This tracks: 1. the latest route read from getStats, and whether a read is in flight;
 * 2. the grace timer of a `disconnected` ICE state; 3. a restart in progress and its deadline.
 */
export function watchConnection(
  peer: SimplePeerInstance,
  pc: RTCPeerConnection,
  { clock, logger, initiator, refreshIceConfig, onGone }: ConnectionWatchOptions,
): ConnectionWatch {
  let stopped = false
  let route: ChannelRoute | null = null
  let reading = false
  let grace: Unsubscribe | null = null
  let restartDeadline: Unsubscribe | null = null

  const readRoute = (): void => {
    // A slow getStats must not pile up reads behind it.
    if (reading || stopped) {
      return
    }
    reading = true
    pc.getStats()
      .then((report) => {
        // During an ICE restart no pair may be selected: keep showing the last known route.
        route = routeOfStats(report.values() as Iterable<StatsEntry>) ?? route
      })
      .catch((error: unknown) => logger.debug('webrtc: getStats failed', { error }))
      .finally(() => {
        reading = false
      })
  }
  readRoute()
  const stopPolling = clock.setInterval(readRoute, ROUTE_POLL_INTERVAL_MS)

  const settle = (): void => {
    grace?.()
    grace = null
    restartDeadline?.()
    restartDeadline = null
  }

  const restartIce = async (): Promise<void> => {
    if (stopped || restartDeadline) {
      return
    }
    restartDeadline = clock.setTimeout(() => {
      restartDeadline = null
      // A restart on a working connection may never leave `connected`, so no event settles it.
      if (pc.iceConnectionState !== 'connected' && pc.iceConnectionState !== 'completed') {
        onGone(new Error(`ICE restart did not reconnect within ${RESTART_TIMEOUT_MS} ms`))
      }
    }, RESTART_TIMEOUT_MS)
    logger.debug('webrtc: ICE disconnected, restarting', { initiator })
    // Fresh TURN credentials: the ones this connection started with may have expired.
    const fresh = await refreshIceConfig?.().catch((error: unknown) => {
      logger.debug('webrtc: no fresh ICE config for the restart', { error })
      return undefined
    })
    if (stopped) {
      return
    }
    try {
      if (fresh) {
        pc.setConfiguration({ ...pc.getConfiguration(), ...fresh })
      }
      // SPEC TR-7: only the offerer renegotiates; the other side answers the new offer with
      // the configuration just set.
      if (initiator) {
        pc.restartIce()
        peer.negotiate()
      }
    } catch (error) {
      onGone(error instanceof Error ? error : new Error(String(error)))
    }
  }

  peer.on('iceStateChange', (state) => {
    if (stopped) {
      return
    }
    if (state === 'connected' || state === 'completed') {
      settle()
    } else if (state === 'disconnected' && !grace && !restartDeadline) {
      // Both flavours destroy the peer on `failed`, so the restart must begin before that.
      grace = clock.setTimeout(() => {
        grace = null
        void restartIce()
      }, DISCONNECTED_GRACE_MS)
    }
  })

  return {
    route: () => route,
    restartIce,
    stop() {
      stopped = true
      stopPolling()
      settle()
    },
  }
}
