/**
 * Fast choking so a test sees several rounds in seconds: rechoke every 2 s (SPEC CK-1), rotate the
 * optimistic unchoke every 4 s (CK-4), stats every 250 ms (EN-5).
 */
export const FAST_SWARM_QUERY = '?rechoke=2000&optimistic=4000&stats=250'

/**
 * Puts a query string in front of a share link's fragment, so a downloader runs with the same
 * swarm settings as the seeder.
 * @param link `<origin>/#2.<key>` (SPEC PL-1)
 * @param query `?a=1&b=2`
 */
export function withQuery(link: string, query: string): string {
  const url = new URL(link)
  url.search = query
  return url.toString()
}
