import type { Engine, EngineConfig } from '@swarmdrop/engine'
import type { Hasher, Logger } from '@swarmdrop/protocol'
import { createWebRtcEngine, webCryptoHasher } from '@swarmdrop/webrtc'

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
 */
export function createBrowserEngine(search: string): BrowserEngine {
  const config = engineConfigFromQuery(search)
  const { engine, destroy } = createWebRtcEngine({ logger: consoleLogger, config })
  return { engine, hasher: webCryptoHasher, config, destroy }
}
