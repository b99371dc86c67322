import type { Engine, EngineConfig } from '@swarmdrop/engine'
import type { Hasher, Logger, Unsubscribe } from '@swarmdrop/protocol'
import { createWebRtcEngine, webCryptoHasher } from '@swarmdrop/webrtc'

import type { SwarmStore } from '../store/swarm-store.ts'

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

/** The part of the ICE API (`iceConfig`, `onIceConfig`, SPEC IC-1) this page reads. */
interface IceConfigSource {
  iceConfig(): { readonly relayAvailable: boolean } | null
  onIceConfig(callback: (config: { readonly relayAvailable: boolean }) => void): Unsubscribe
}

/**
 * Reports `relayAvailable` from the tracker's ICE configuration, as the WebRTC engine relays it.
 * Without that API (a build before it) nothing is reported and the page keeps assuming no relay,
 * the honest default.
 */
function relayAvailability(webrtc: object): BrowserEngine['onRelayAvailable'] {
  if (!('onIceConfig' in webrtc) || !('iceConfig' in webrtc)) {
    return () => () => undefined
  }
  const source = webrtc as IceConfigSource
  return (callback) => {
    const current = source.iceConfig()
    if (current !== null) {
      callback(current.relayAvailable)
    }
    return source.onIceConfig((config) => callback(config.relayAvailable))
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
 * @param store read for the relay-only choice at each new connection; told whether the tracker
 *   offers a relay (SPEC NET-2)
 */
export function createBrowserEngine(search: string, store: SwarmStore): BrowserEngine {
  const config = engineConfigFromQuery(search)
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
