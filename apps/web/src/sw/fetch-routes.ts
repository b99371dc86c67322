import type { SwFetchEvent } from './sw-types.ts'

/**
 * One kind of request the service worker answers: the app shell, the share target, and later
 * media Range requests (issue #16). A feature extends the worker by adding a route in sw.ts;
 * nothing else in the worker changes.
 */
export interface FetchRoute {
  /** For logs and tests. */
  readonly name: string
  /** Whether this route answers the request; must not read the body. */
  matches(request: Request, url: URL): boolean
  /** The response, from the cache, the network or made here. */
  handle(event: SwFetchEvent, url: URL): Promise<Response>
}

/**
 * The first route that answers a request, or undefined: the worker then leaves the request to
 * the browser (Socket.IO, /healthz, other origins), exactly as without a worker.
 */
export function routeFor(
  routes: readonly FetchRoute[],
  request: Request,
  origin: string,
): { route: FetchRoute; url: URL } | undefined {
  const url = new URL(request.url)
  if (url.origin !== origin) {
    return undefined
  }
  const route = routes.find((candidate) => candidate.matches(request, url))
  return route === undefined ? undefined : { route, url }
}
