import type { FetchRoute } from './fetch-routes.ts'

/** Every shell cache's name starts with this; the build id follows (SPEC PWA-3). */
export const SHELL_CACHE_PREFIX = 'swarmdrop-shell-'

/** The page every navigation gets: the app is one page with a hash router. */
export const SHELL_PAGE = '/'

/**
 * How long a navigation waits for the server before the saved shell is shown instead. A server
 * that is down refuses at once; this bounds a network that swallows packets.
 */
export const NAVIGATION_TIMEOUT_MS = 4_000

/** The name of this build's shell cache. */
export const shellCacheName = (buildId: string): string => `${SHELL_CACHE_PREFIX}${buildId}`

/**
 * Caches the whole shell (the page, every script and style, icons, manifest) at install.
 * @param origin the worker's origin, which the shell's paths are on
 */
export async function precacheShell(
  caches: CacheStorage,
  buildId: string,
  assets: readonly string[],
  origin: string,
): Promise<void> {
  const cache = await caches.open(shellCacheName(buildId))
  // `cache: 'reload'`: never fill the new cache from the HTTP cache's possibly older copies.
  await cache.addAll(
    [SHELL_PAGE, ...assets].map((path) => new Request(new URL(path, origin), { cache: 'reload' })),
  )
}

/** Drops the shell caches of earlier builds, once this build's worker is in charge. */
export async function dropOldShells(caches: CacheStorage, buildId: string): Promise<void> {
  const keep = shellCacheName(buildId)
  const names = await caches.keys()
  await Promise.all(
    names
      .filter((name) => name.startsWith(SHELL_CACHE_PREFIX) && name !== keep)
      .map((name) => caches.delete(name)),
  )
}

const timeout = (ms: number): Promise<never> =>
  new Promise((_resolve, reject) => setTimeout(() => reject(new Error('timeout')), ms))

/**
 * Page loads (SPEC PWA-3): the network first, so a deploy shows at once, and the saved shell when
 * the server cannot be reached, so a newcomer during an outage gets Swarmdrop's own page (which
 * then says the server is unreachable and retries) instead of the browser's error page.
 */
export function navigationRoute(caches: CacheStorage, buildId: string): FetchRoute {
  return {
    name: 'shell-navigation',
    matches: (request) => request.method === 'GET' && request.mode === 'navigate',
    handle: async (event) => {
      const cache = await caches.open(shellCacheName(buildId))
      const saved = await cache.match(SHELL_PAGE)
      const network = fetch(event.request)
      try {
        const response = await (saved === undefined
          ? network
          : Promise.race([network, timeout(NAVIGATION_TIMEOUT_MS)]))
        if (response.ok) {
          event.waitUntil(cache.put(SHELL_PAGE, response.clone()))
        }
        return response
      } catch (error) {
        if (saved !== undefined) {
          return saved
        }
        throw error
      }
    },
  }
}

/**
 * Scripts, styles, icons and the manifest: from the shell cache, else the network (and then
 * kept). Fingerprinted names (`assets/…-<hash>`) never change content, so a cached copy is
 * always right; anything outside the shell is left to the browser.
 */
export function assetRoute(
  caches: CacheStorage,
  buildId: string,
  assets: readonly string[],
): FetchRoute {
  const shell = new Set(assets)
  return {
    name: 'shell-asset',
    matches: (request, url) =>
      request.method === 'GET' && (shell.has(url.pathname) || url.pathname.startsWith('/assets/')),
    handle: async (event, url) => {
      const cache = await caches.open(shellCacheName(buildId))
      const saved = await cache.match(url.pathname)
      if (saved !== undefined) {
        return saved
      }
      const response = await fetch(event.request)
      if (response.ok && response.type === 'basic') {
        event.waitUntil(cache.put(url.pathname, response.clone()))
      }
      return response
    },
  }
}
