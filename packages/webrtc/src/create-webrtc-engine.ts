import type { Engine, EngineConfig } from '@swarmdrop/engine'
import { createEngine } from '@swarmdrop/engine'
import type { Logger, Unsubscribe } from '@swarmdrop/protocol'
import type { IceConfigPayload } from '@swarmdrop/signaling'

import { iceSettingsOf } from './ice-settings.ts'
import { type InboundGate, throttleInbound } from './inbound-throttle.ts'
import { mathRandom, systemClock, webCryptoHasher, webCryptoSwarmCrypto } from './runtime.ts'
import { createSocketTracker } from './socket-tracker.ts'
import { createWebRtcTransport } from './webrtc-transport.ts'

export interface WebRtcEngineOptions {
  /** The tracker's URL; same origin when omitted (a browser tab). */
  readonly trackerUrl?: string
  /** A WebRTC implementation for Node (`@roamhq/wrtc`); browsers use their own. */
  readonly wrtc?: object
  /** The engine's logger. */
  readonly logger?: Logger
  readonly config?: Partial<EngineConfig>
  /**
   * The user's "hide my IP address" choice, read at each new connection (SPEC NET-2): relay
   * candidates only, where the tracker offers a relay. Off when omitted.
   */
  readonly relayOnly?: () => boolean
  /** Caps what this engine receives, bytes/s (0 or omitted = unlimited; the CLI's --down). */
  readonly downloadLimitBps?: number
  /** Holds inbound messages back while shut (the CLI's disk backpressure). */
  readonly inboundGate?: InboundGate
}

/** An engine and what it runs on, torn down together. */
export interface WebRtcEngine {
  readonly engine: Engine
  /** The tracker's latest ICE configuration (SPEC IC-1); null before the first. */
  iceConfig(): IceConfigPayload | null
  onIceConfig(callback: (config: IceConfigPayload) => void): Unsubscribe
  /** Leaves every swarm, then closes every peer connection and the tracker socket. */
  destroy(): Promise<void>
}

/**
 * One whole peer: the engine on the wall clock, Math.random and WebCrypto, talking to the
 * Socket.IO tracker and to its neighbours over WebRTC data channels. A browser tab's composition
 * root uses it as is; Node passes `wrtc`.
 */
export function createWebRtcEngine(options: WebRtcEngineOptions = {}): WebRtcEngine {
  // One logger for every layer: the transport's ICE restarts and the tracker's renewals are what
  // a trace of a lost connection needs.
  const logged = options.logger === undefined ? {} : { logger: options.logger }
  const tracker = createSocketTracker({
    ...(options.trackerUrl === undefined ? {} : { url: options.trackerUrl }),
    ...logged,
  })
  const relayOnly = options.relayOnly ?? (() => false)
  const transport = createWebRtcTransport({
    signals: tracker,
    iceConfig: () => iceSettingsOf(tracker.iceConfig(), relayOnly()),
    refreshIceConfig: async () => iceSettingsOf(await tracker.refreshIceConfig(), relayOnly()),
    ...(options.wrtc === undefined ? {} : { wrtc: options.wrtc }),
    ...logged,
  })
  const engine = createEngine({
    clock: systemClock,
    random: mathRandom,
    hasher: webCryptoHasher,
    crypto: webCryptoSwarmCrypto,
    transport: throttleInbound(
      transport,
      systemClock,
      options.downloadLimitBps ?? 0,
      options.inboundGate ?? null,
    ),
    tracker,
    ...logged,
    ...(options.config === undefined ? {} : { config: options.config }),
  })
  return {
    engine,
    iceConfig: () => tracker.iceConfig(),
    onIceConfig: (callback) => tracker.onIceConfig(callback),
    async destroy() {
      // engine.destroy() closes every channel and leaves every swarm before its first await, so
      // a closing tab (pagehide) has closed all its connections when this returns; the stores
      // settle afterwards.
      const leaving = engine.destroy()
      transport.destroy()
      tracker.close()
      await leaving
    },
  }
}
