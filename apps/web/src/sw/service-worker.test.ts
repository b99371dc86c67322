// @vitest-environment node
// Node has the Fetch API (Request, Response, FormData, File) the worker code uses; jsdom replaces
// some of them with its own, which do not mix with Node's Request.
import { afterEach, describe, expect, it, vi } from 'vitest'

import { takeSharedFiles, withoutSharedQuery } from '../pwa/shared-files.ts'

import { routeFor } from './fetch-routes.ts'
import { shareTargetRoute } from './share-target.ts'
import { assetRoute, navigationRoute, precacheShell, shellCacheName } from './shell-cache.ts'
import type { SwFetchEvent } from './sw-types.ts'

const ORIGIN = 'https://drop.example'

/** Cache Storage in memory, enough of it for the worker and the page: keyed by absolute URL. */
function memoryCaches(): CacheStorage & { store: Map<string, Map<string, Response>> } {
  const store = new Map<string, Map<string, Response>>()
  const urlOf = (request: RequestInfo | URL): string =>
    new URL(request instanceof Request ? request.url : String(request), ORIGIN).href
  const open = async (name: string): Promise<Cache> => {
    const entries = store.get(name) ?? new Map<string, Response>()
    store.set(name, entries)
    const cache = {
      put: async (request: RequestInfo | URL, response: Response) => {
        entries.set(urlOf(request), response)
      },
      match: async (request: RequestInfo | URL) => entries.get(urlOf(request))?.clone(),
      keys: async () => [...entries.keys()].map((url) => new Request(url)),
      delete: async (request: RequestInfo | URL) => entries.delete(urlOf(request)),
      addAll: async (requests: RequestInfo[]) => {
        for (const request of requests) {
          entries.set(urlOf(request), new Response(`body of ${new URL(urlOf(request)).pathname}`))
        }
      },
    }
    return cache as unknown as Cache
  }
  return {
    store,
    open,
    keys: async () => [...store.keys()],
    delete: async (name: string) => store.delete(name),
    has: async (name: string) => store.has(name),
    match: async () => undefined,
  } as unknown as CacheStorage & { store: Map<string, Map<string, Response>> }
}

/** A fetch event for a request; waitUntil promises are collected so the test can await them. */
function fetchEvent(request: Request): SwFetchEvent & { pending: Promise<unknown>[] } {
  const pending: Promise<unknown>[] = []
  return {
    request,
    pending,
    waitUntil: (promise: Promise<unknown>) => void pending.push(promise),
    respondWith: () => {},
  } as unknown as SwFetchEvent & { pending: Promise<unknown>[] }
}

/** A navigation request (a plain Request cannot be given mode 'navigate'). */
const navigation = (path: string): Request => {
  const request = new Request(`${ORIGIN}${path}`)
  Object.defineProperty(request, 'mode', { value: 'navigate' })
  return request
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('service worker', () => {
  const caches = memoryCaches()
  const routes = [
    shareTargetRoute(caches, () => 'b1'),
    navigationRoute(caches, 'build1'),
    assetRoute(caches, 'build1', ['/manifest.webmanifest', '/icons/icon-192.png']),
  ]
  const nameOf = (request: Request): string | undefined =>
    routeFor(routes, request, ORIGIN)?.route.name

  it('[PWA-3] answers page loads, the shell and the share target; leaves everything else alone', () => {
    expect(nameOf(navigation('/?x=1'))).toBe('shell-navigation')
    expect(nameOf(new Request(`${ORIGIN}/assets/index-abc.js`))).toBe('shell-asset')
    expect(nameOf(new Request(`${ORIGIN}/manifest.webmanifest`))).toBe('shell-asset')
    expect(nameOf(new Request(`${ORIGIN}/share-target`, { method: 'POST' }))).toBe('share-target')
    expect(nameOf(new Request(`${ORIGIN}/socket.io/?EIO=4&transport=polling`))).toBeUndefined()
    expect(nameOf(new Request(`${ORIGIN}/healthz`))).toBeUndefined()
    expect(nameOf(new Request('https://elsewhere.example/assets/a.js'))).toBeUndefined()
  })

  it('[PWA-3] a page load while the server is down gets the saved shell', async () => {
    await precacheShell(caches, 'build1', ['/assets/index-abc.js'], ORIGIN)
    expect([...(caches.store.get(shellCacheName('build1'))?.keys() ?? [])]).toEqual([
      `${ORIGIN}/`,
      `${ORIGIN}/assets/index-abc.js`,
    ])
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')))
    const response = await navigationRoute(caches, 'build1').handle(
      fetchEvent(navigation('/')),
      new URL(`${ORIGIN}/`),
    )
    expect(await response.text()).toBe('body of /')
  })

  it('[PWA-3] a page load with the server up gets the network, and keeps it for next time', async () => {
    vi.stubGlobal('fetch', async () => new Response('fresh page'))
    const event = fetchEvent(navigation('/'))
    const response = await navigationRoute(caches, 'build1').handle(event, new URL(`${ORIGIN}/`))
    await Promise.all(event.pending)
    expect(await response.text()).toBe('fresh page')
    const saved = await (await caches.open(shellCacheName('build1'))).match('/')
    expect(await saved?.text()).toBe('fresh page')
  })

  it('[PWA-4] shared files go through the cache to the page, in order, then leave it', async () => {
    const form = new FormData()
    form.append(
      'files',
      new File(['first bytes'], 'ä photo.jpg', { type: 'image/jpeg', lastModified: 1_000 }),
    )
    form.append('files', new File(['second'], 'notes.txt', { type: 'text/plain' }))
    form.append('title', 'ignored')
    const request = new Request(`${ORIGIN}/share-target`, { method: 'POST', body: form })
    const response = await shareTargetRoute(caches, () => 'b1').handle(
      fetchEvent(request),
      new URL(request.url),
    )
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/?shared=b1')

    expect(await takeSharedFiles('?other=1', caches)).toEqual([])
    const picked = await takeSharedFiles('?shared=b1&stats=250', caches)
    expect(picked.map((p) => p.path)).toEqual([['ä photo.jpg'], ['notes.txt']])
    expect(await picked[0]?.file.text()).toBe('first bytes')
    expect(picked[0]?.file.type).toBe('image/jpeg')
    // multipart/form-data carries no date: the worker's File has the time of the share.
    expect(picked[0]?.file.lastModified).toBeGreaterThan(0)
    expect(await takeSharedFiles('?shared=b1', caches)).toEqual([])
    expect(withoutSharedQuery('?shared=b1&stats=250')).toBe('?stats=250')
    expect(withoutSharedQuery('?shared=b1')).toBe('')
  })

  it('[PWA-4] a shared link of this origin opens it; other text opens the home page', async () => {
    const share = async (fields: Record<string, string>): Promise<string | null> => {
      const form = new FormData()
      for (const [key, value] of Object.entries(fields)) {
        form.append(key, value)
      }
      const request = new Request(`${ORIGIN}/share-target`, { method: 'POST', body: form })
      const response = await shareTargetRoute(caches, () => 'b2').handle(
        fetchEvent(request),
        new URL(request.url),
      )
      return response.headers.get('location')
    }
    expect(await share({ text: `Here you go: ${ORIGIN}/#2.abc` })).toBe(`${ORIGIN}/#2.abc`)
    expect(await share({ url: 'https://elsewhere.example/#2.abc' })).toBe('/')
    expect(await share({ title: 'nothing' })).toBe('/')
  })
})
