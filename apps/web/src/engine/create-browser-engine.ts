import type { Engine, EngineConfig } from '@swarmdrop/engine'
import type { Hasher, Logger } from '@swarmdrop/protocol'
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
  const webRtc = createWebRtcEngine({
    logger: consoleLogger,
    config,
    relayOnly: () => store.getState().relayOnly,
  })
  webRtc.onIceConfig(({ relayAvailable }) => {
    if (store.getState().relayAvailable !== relayAvailable) {
      store.setState({ relayAvailable })
    }
  })
  return { engine: webRtc.engine, hasher: webCryptoHasher, config, destroy: webRtc.destroy }
}
