import { isOldShareLink, parseShareLink } from '@swarmdrop/protocol'
import type { SwarmId } from '@swarmdrop/protocol'

/** What the address bar asks for. The link's key travels in the fragment only (SPEC MD-2, PL-1). */
export type Route =
  | { readonly kind: 'home' }
  | { readonly kind: 'download'; readonly swarmId: SwarmId; readonly passwordRequired: boolean }
  | {
      readonly kind: 'bad-link'
      readonly reason: string
      /** An SWD1-era `#<64 hex>` link: it worked once, so the page says why it no longer does. */
      readonly old: boolean
    }

/**
 * Routes a `location.hash`: empty → home, a swarm id → its download view, anything else → the
 * bad-link page. Pure, so a malformed link is refused before anything is contacted (SPEC MD-5).
 */
export function routeOf(hash: string): Route {
  if (hash === '' || hash === '#') {
    return { kind: 'home' }
  }
  try {
    return { kind: 'download', ...parseShareLink(hash) }
  } catch (error) {
    return {
      kind: 'bad-link',
      reason: error instanceof Error ? error.message : 'The link could not be read.',
      old: isOldShareLink(hash),
    }
  }
}
