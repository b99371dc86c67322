// Records every ICE candidate a page is handed by its peers (trickled, or inside a remote SDP),
// so a case can check what the other side learned about a home's addresses.
import type { BrowserContext, Page } from '@playwright/test'

declare global {
  interface Window {
    __remoteCandidates?: string[]
    __remoteUfrags?: string[]
  }
}

/** Wraps RTCPeerConnection in every page of `context` before the app's scripts run. */
export async function recordRemoteCandidates(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const seen: string[] = []
    const ufrags: string[] = []
    window.__remoteCandidates = seen
    window.__remoteUfrags = ufrags
    const proto = RTCPeerConnection.prototype
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

/** The distinct ICE ufrags of the remote descriptions `page` was handed (one per ICE session). */
export async function remoteIceSessions(page: Page): Promise<number> {
  return page.evaluate(() => window.__remoteUfrags?.length ?? 0)
}

/** The candidates that name `address` anywhere (connection address or related address). */
export function candidatesNaming(candidates: readonly string[], address: string): string[] {
  return candidates.filter((candidate) => candidate.split(/\s+/).includes(address))
}
