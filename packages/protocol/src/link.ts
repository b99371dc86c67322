import { fromBase64Url, fromHex, toBase64Url, toHex } from './bytes.ts'
import { ProtocolError } from './errors.ts'
import type { SwarmId } from './ids.ts'
import { isSwarmId } from './ids.ts'

/** What a share link's fragment holds (SPEC PL-1): the swarm's only key, and whether a password guards it. */
export interface ShareLink {
  readonly swarmId: SwarmId
  readonly passwordRequired: boolean
}

/** Link format version: `#2.` (link only) and `#2p.` (link and password), SPEC PL-1. */
const LINK_VERSION = '2'
const FRAGMENT_PATTERN = /^#?(\d+)(p?)\.([A-Za-z0-9_-]*)$/
const OLD_FRAGMENT_PATTERN = /^#?[0-9a-fA-F]{64}$/

const badLink = (message: string): ProtocolError => new ProtocolError('ERR_BAD_LINK', message)

/** A `#<64 hex>` link of the SWD1 era (SPEC PL-1): refused, with words of its own. */
export function isOldShareLink(fragment: string): boolean {
  return OLD_FRAGMENT_PATTERN.test(fragment.trim())
}

/**
 * Reads a share link's fragment (SPEC PL-1): `#2.<base64url swarm id>` or `#2p.<…>`, the '#'
 * optional, surrounding whitespace ignored. Throws ProtocolError ERR_BAD_LINK with a message fit
 * for the user otherwise, before anything is contacted; an old `#<64 hex>` (SWD1) link gets its
 * own message, since it cannot work with this version.
 */
export function parseShareLink(fragment: string): ShareLink {
  const text = fragment.trim()
  if (isOldShareLink(text)) {
    throw badLink(
      'This link is from an older version of Swarmdrop and no longer works. Ask the sender for a new link.',
    )
  }
  const match = FRAGMENT_PATTERN.exec(text)
  if (match === null) {
    throw badLink(
      'This is not a valid Swarmdrop link: it should end in "#2." followed by 43 letters, digits, "-" or "_".',
    )
  }
  const [, version, flag, key] = match
  if (version !== LINK_VERSION) {
    throw badLink(
      'This link is from a different version of Swarmdrop. Ask the sender for a link made with this one.',
    )
  }
  const bytes = key === undefined || key.length !== 43 ? null : fromBase64Url(key)
  if (bytes === null || bytes.length !== 32) {
    throw badLink('This Swarmdrop link is cut short or mistyped: its key should be 43 characters.')
  }
  return { swarmId: toHex(bytes) as SwarmId, passwordRequired: flag === 'p' }
}

/** The fragment of a share link, '#' included and no origin (SPEC PL-1): build links only with this. */
export function shareFragmentOf(link: ShareLink): string {
  if (!isSwarmId(link.swarmId)) {
    throw badLink(`not a swarm id: ${String(link.swarmId)}`)
  }
  return `#${LINK_VERSION}${link.passwordRequired ? 'p' : ''}.${toBase64Url(fromHex(link.swarmId))}`
}

/** The 32 bytes of a swarm id, the input of the key schedule (SPEC PL-2). */
export function swarmIdToBytes(swarmId: SwarmId): Uint8Array {
  return fromHex(swarmId)
}
