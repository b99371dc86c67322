import type { ShareLink } from '@swarmdrop/protocol'
import { shareFragmentOf } from '@swarmdrop/protocol'

import { PERSONAL_QUERY_PARAMETERS } from '../../engine/engine-config-from-query.ts'

/**
 * The share link of `link` (SPEC MD-2, PL-1): the key goes in the fragment, so no HTTP request
 * carries it. The query string is kept on purpose: engine settings such as `?rechoke=1000`
 * then reach every downloader, so a whole test swarm runs with the same timings. This tab's own
 * settings (its upload cap, `up`) are left out.
 */
export function shareUrl(
  location: Pick<Location, 'origin' | 'pathname' | 'search'>,
  link: ShareLink,
): string {
  const params = new URLSearchParams(location.search)
  for (const name of PERSONAL_QUERY_PARAMETERS) {
    params.delete(name)
  }
  const query = params.toString()
  return `${location.origin}${location.pathname}${query === '' ? '' : `?${query}`}${shareFragmentOf(link)}`
}
