/**
 * The only place the CLI reads and writes share links (SPEC CL-3), so a new link format
 * (issue #13) changes these two functions and nothing else.
 */
import type { ShareLink, SwarmId } from '@swarmdrop/protocol'
import { ProtocolError, parseShareLink, shareFragmentOf } from '@swarmdrop/protocol'

/** What a share link tells a getter. */
export interface LinkTarget extends ShareLink {
  readonly swarmId: SwarmId
  /** The link's origin: the tracker (and web app) that minted it. */
  readonly trackerUrl: string
}

/**
 * Reads a share link given on the command line: `http(s)://host[:port]/[path]#<fragment>`. The
 * tracker is the link's origin (CL-3); the fragment is read by the protocol's link parser. Throws
 * ProtocolError ERR_BAD_LINK (exit 2) with a message for the user, before anything is contacted.
 */
export function parseLinkArgument(text: string): LinkTarget {
  let url: URL
  try {
    url = new URL(text.trim())
  } catch {
    throw new ProtocolError(
      'ERR_BAD_LINK',
      `This is not a valid Swarmdrop link: "${text}" is not a URL (expected http://host/#…).`,
    )
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ProtocolError(
      'ERR_BAD_LINK',
      `This is not a valid Swarmdrop link: it should start with http:// or https://, not ${url.protocol}`,
    )
  }
  return { ...parseShareLink(url.hash), trackerUrl: url.origin }
}

/** The share link for `link` on the web app served by `trackerUrl` (SPEC MD-2, PL-1). */
export function buildShareLink(trackerUrl: string, link: ShareLink): string {
  const base = new URL(trackerUrl)
  return `${base.origin}${base.pathname}${shareFragmentOf(link)}`
}
