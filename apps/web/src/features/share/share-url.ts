import type { SwarmId } from '@swarmdrop/protocol'

/**
 * The share link for `swarmId` (SPEC MD-2): the id goes in the fragment, so no HTTP request
 * carries it. The query string is kept on purpose: engine settings such as `?rechoke=1000`
 * then reach every downloader, so a whole test swarm runs with the same timings.
 */
export function shareUrl(
  location: Pick<Location, 'origin' | 'pathname' | 'search'>,
  swarmId: SwarmId,
): string {
  return `${location.origin}${location.pathname}${location.search}#${swarmId}`
}
