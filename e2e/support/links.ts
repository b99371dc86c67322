import { randomBytes } from 'node:crypto'

/**
 * Share links as the page builds them (SPEC PL-1), for specs that need a link to nowhere or the
 * swarm id behind a link (the library keys its rows by swarm id). Written with Node's base64url
 * so a spec does not depend on the app's own code to read the app's links.
 */
export function swarmIdOfLink(link: string): string {
  const match = /#2p?\.([A-Za-z0-9_-]{43})$/.exec(link)
  if (match?.[1] === undefined) {
    throw new Error(`not a Swarmdrop link: ${link}`)
  }
  return Buffer.from(match[1], 'base64url').toString('hex')
}

/** The fragment of a link to a random swarm nobody shares. */
export function randomFragment(): string {
  return `#2.${randomBytes(32).toString('base64url')}`
}
