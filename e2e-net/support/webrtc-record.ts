// Records what a page's WebRTC sees: every ICE candidate it is handed by its peers (trickled, or
// inside a remote SDP), so a case can check what the other side learned about a home's
// addresses; the ICE sessions (remote ufrags) and the peer connections that ever connected, so
// a case can tell an ICE restart from a new connection.
import type { BrowserContext, Page } from '@playwright/test'

declare global {
  interface Window {
    __remoteCandidates?: string[]
    __remoteUfrags?: string[]
    __connectedPeerConnections?: number
  }
}

/** Wraps RTCPeerConnection in every page of `context` before the app's scripts run. */
export async function recordRemoteCandidates(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const seen: string[] = []
    const ufrags: string[] = []
    window.__remoteCandidates = seen
    window.__remoteUfrags = ufrags
    window.__connectedPeerConnections = 0
    const Native = window.RTCPeerConnection
    // A subclass keeps the prototype chain, so the methods wrapped below still apply.
    window.RTCPeerConnection = class extends Native {
      constructor(configuration?: RTCConfiguration) {
        super(configuration)
        let connected = false
        this.addEventListener('connectionstatechange', () => {
          if (!connected && this.connectionState === 'connected') {
            connected = true
            window.__connectedPeerConnections = (window.__connectedPeerConnections ?? 0) + 1
          }
        })
      }
    }
    const proto = Native.prototype
    const addIceCandidate = proto.addIceCandidate
    proto.addIceCandidate = function (
      this: RTCPeerConnection,
      candidate?: RTCIceCandidateInit | RTCIceCandidate | null,
      ...rest: unknown[]
    ): Promise<void> {
      if (candidate?.candidate !== undefined && candidate.candidate !== '') {
        seen.push(candidate.candidate)
      }
      return (addIceCandidate as (...args: unknown[]) => Promise<void>).call(
        this,
        candidate,
        ...rest,
      )
    } as typeof proto.addIceCandidate
    const setRemoteDescription = proto.setRemoteDescription
    proto.setRemoteDescription = function (
      this: RTCPeerConnection,
      description: RTCSessionDescriptionInit,
      ...rest: unknown[]
    ): Promise<void> {
      for (const line of (description.sdp ?? '').split(/\r?\n/)) {
        if (line.startsWith('a=candidate:')) {
          seen.push(line.slice('a='.length))
        }
        // A new ufrag from the same peer is an ICE restart (RFC 8445 §9).
        if (line.startsWith('a=ice-ufrag:') && !ufrags.includes(line)) {
          ufrags.push(line)
        }
      }
      return (setRemoteDescription as (...args: unknown[]) => Promise<void>).call(
        this,
        description,
        ...rest,
      )
    } as typeof proto.setRemoteDescription
  })
}

/** The candidates `page` has been handed so far. */
export async function remoteCandidates(page: Page): Promise<string[]> {
  return page.evaluate(() => [...(window.__remoteCandidates ?? [])])
}

/** What the page's WebRTC went through. */
export interface ConnectionHistory {
  /** Distinct ICE ufrags of the remote descriptions it was handed: one per ICE session. */
  readonly iceSessions: number
  /** Peer connections that ever reached `connected`. */
  readonly connectedPeerConnections: number
}

/** The ICE sessions and connected peer connections of `page` so far. */
export async function connectionHistory(page: Page): Promise<ConnectionHistory> {
  return page.evaluate(() => ({
    iceSessions: window.__remoteUfrags?.length ?? 0,
    connectedPeerConnections: window.__connectedPeerConnections ?? 0,
  }))
}

/** The candidates that name `address` anywhere (connection address or related address). */
export function candidatesNaming(candidates: readonly string[], address: string): string[] {
  return candidates.filter((candidate) => candidate.split(/\s+/).includes(address))
}
