import type { Engine, EngineConfig } from '@swarmdrop/engine'
import type { Hasher, Logger, Unsubscribe } from '@swarmdrop/protocol'
import { type WebRtcEngine, createWebRtcEngine, webCryptoHasher } from '@swarmdrop/webrtc'

import type { SwarmStore } from '../store/swarm-store.ts'

import { streamPolicyFromQuery } from '../features/stream/stream-policy.ts'

import { engineConfigFromQuery } from './engine-config-from-query.ts'

/** What the UI needs from the composition root. */
export interface BrowserEngine {
  readonly engine: Engine
  /** The same hasher the engine verifies with, for hashing a dropped file. */
  readonly hasher: Hasher
  readonly config: EngineConfig
  /** Leaves every swarm and closes the tracker socket and every peer connection. */
  destroy(): Promise<void>
  /** Whether the tracker's ICE configuration has a TURN relay, now and whenever it is renewed. */
  onRelayAvailable(callback: (available: boolean) => void): Unsubscribe
}

/**
 * Reports `relayAvailable` from the tracker's ICE configuration (SPEC IC-1): the current one if it
 * has arrived, then every renewal.
 */
function relayAvailability(webrtc: WebRtcEngine): BrowserEngine['onRelayAvailable'] {
  return (callback) => {
    const current = webrtc.iceConfig()
    if (current !== null) {
      callback(current.relayAvailable)
    }
    return webrtc.onIceConfig((config) => callback(config.relayAvailable))
  }
}

const consoleLogger: Logger = {
  debug: (message, fields) => console.debug(`[swarmdrop] ${message}`, fields ?? ''),
  warn: (message, fields) => console.warn(`[swarmdrop] ${message}`, fields ?? ''),
}

/**
 * The composition root (STYLE §2): one engine per tab, wired to the Socket.IO tracker on this
 * page's origin, WebRTC data channels, the wall clock and WebCrypto.
 * @param search the page's query string; `rechoke`, `optimistic`, `slots`, `stats` tune the engine
 * @param store read for the relay-only choice at each new connection (SPEC NET-2); whether the
 *   tracker offers a relay reaches it through the engine binding (`onRelayAvailable`)
 */
export function createBrowserEngine(search: string, store: SwarmStore): BrowserEngine {
  // SPEC ST-8: `?stream=sequential` (bench:stream only) makes this tab pick in index order.
  const sequential = streamPolicyFromQuery(search) === 'sequential'
  const config: EngineConfig = {
    ...engineConfigFromQuery(search),
    ...(sequential ? { pieceOrder: 'sequential' as const } : {}),
  }
  const webrtc = createWebRtcEngine({
    logger: consoleLogger,
    config,
    relayOnly: () => store.getState().relayOnly,
  })
  return {
    engine: webrtc.engine,
    hasher: webCryptoHasher,
    config,
    destroy: async () => webrtc.destroy(),
    onRelayAvailable: relayAvailability(webrtc),
  }
}
