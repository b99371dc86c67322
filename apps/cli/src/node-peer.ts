import wrtc from '@roamhq/wrtc'
import type { Logger } from '@swarmdrop/protocol'
import { type InboundGate, type WebRtcEngine, createWebRtcEngine } from '@swarmdrop/webrtc'

/** The engine's log on stderr, for SWARMDROP_DEBUG=1 (stdout stays the command's output). */
const stderrLogger: Logger = {
  debug: (message, fields) =>
    process.stderr.write(`[debug] ${message} ${JSON.stringify(fields ?? {})}\n`),
  warn: (message, fields) =>
    process.stderr.write(`[warn] ${message} ${JSON.stringify(fields ?? {})}\n`),
}

/** What a CLI peer is told at start. */
export interface NodePeerOptions {
  readonly trackerUrl: string
  readonly upBps: number
  readonly downBps: number
  /** Holds inbound blocks back while shut (get: while the disk is behind). */
  readonly inboundGate?: InboundGate
}

/**
 * The CLI's composition root (mirrors apps/web's create-browser-engine.ts): the same engine,
 * tracker client and WebRTC transport as a tab (so the same link and peer-proof rules, and ICE
 * servers and TURN credentials from the tracker, SPEC CL-11), on @roamhq/wrtc — the Node WebRTC
 * stack bench:cli measured faster than werift (README "Command line").
 */
export function createNodePeer(options: NodePeerOptions): WebRtcEngine {
  const peer = createWebRtcEngine({
    trackerUrl: options.trackerUrl,
    wrtc,
    ...(process.env['SWARMDROP_DEBUG'] === '1' ? { logger: stderrLogger } : {}),
    downloadLimitBps: options.downBps,
    ...(options.inboundGate === undefined ? {} : { inboundGate: options.inboundGate }),
  })
  peer.engine.setUploadLimit(options.upBps)
  return peer
}
