/**
 * Swarmdrop's service worker (SPEC PWA-3, PWA-4), built on its own into `/sw.js` by
 * sw/vite-plugin.ts. It answers a few kinds of request, each a FetchRoute: the share target,
 * page loads and the app shell's files. Everything else (Socket.IO, /healthz, WebRTC never
 * passes here) goes to the network untouched. The stream route answers
 * media Range requests from a swarm's pieces (issue #16, SPEC ST-1…ST-4).
 */
import type { FetchRoute } from './fetch-routes.ts'
import { routeFor } from './fetch-routes.ts'
import { shareTargetRoute } from './share-target.ts'
import { streamRoute } from './stream-route.ts'
import { assetRoute, dropOldShells, navigationRoute, precacheShell } from './shell-cache.ts'
import type { SwGlobalScope } from './sw-types.ts'

// Filled in by the build (sw/vite-plugin.ts): every file of this build, and an id that changes
// whenever any of them does, so a deploy installs a new worker with a fresh cache.
declare const __SHELL_ASSETS__: readonly string[]
declare const __BUILD_ID__: string

const scope = self as unknown as SwGlobalScope
const { caches } = scope

const routes: readonly FetchRoute[] = [
  // First: a stream URL is not an app shell file, and its answer is never cached.
  streamRoute(async (clientId) => {
    const asking = clientId === '' ? undefined : await scope.clients.get(clientId)
    return asking ?? (await scope.clients.matchAll({ type: 'window' }))[0]
  }),
  shareTargetRoute(caches, () => crypto.randomUUID()),
  navigationRoute(caches, __BUILD_ID__),
  assetRoute(caches, __BUILD_ID__, __SHELL_ASSETS__),
]

scope.addEventListener('install', (event) => {
  // A new build takes over at once: the shell is fingerprinted, so old and new never mix.
  event.waitUntil(
    precacheShell(caches, __BUILD_ID__, __SHELL_ASSETS__, scope.location.origin).then(() =>
      scope.skipWaiting(),
    ),
  )
})

scope.addEventListener('activate', (event) => {
  event.waitUntil(dropOldShells(caches, __BUILD_ID__).then(() => scope.clients.claim()))
})

scope.addEventListener('fetch', (event) => {
  const found = routeFor(routes, event.request, scope.location.origin)
  if (found !== undefined) {
    event.respondWith(found.route.handle(event, found.url))
  }
})
