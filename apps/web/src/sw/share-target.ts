import {
  FILE_NAME_HEADER,
  LAST_MODIFIED_HEADER,
  SHARED_FILES_CACHE,
  SHARED_FILE_PREFIX,
  SHARED_QUERY,
  SHARE_TARGET_FILES_FIELD,
  SHARE_TARGET_PATH,
} from '../pwa/share-target-protocol.ts'

import type { FetchRoute } from './fetch-routes.ts'

/** 303 See Other: the browser follows a POST's redirect with a GET, as a share needs. */
const redirect = (location: string): Response =>
  new Response(null, { status: 303, headers: { Location: location } })

/**
 * A link shared to Swarmdrop ("Share → Swarmdrop" on a received link) opens it, if it is one of
 * this origin's links with a fragment; anything else opens the home page.
 */
function sharedLink(form: FormData, origin: string): string | undefined {
  for (const field of ['url', 'text']) {
    const value = form.get(field)
    if (typeof value !== 'string') {
      continue
    }
    const found = value.match(/\S+/g)?.find((word) => word.startsWith(`${origin}/`))
    if (found !== undefined && found.includes('#')) {
      return found
    }
  }
  return undefined
}

/**
 * The Web Share Target (SPEC PWA-4): keeps the shared files in a cache and sends the tab to the
 * page, which seeds them (pwa/shared-files.ts). `newBatchId` names the batch (random in the
 * worker, fixed in tests).
 */
export function shareTargetRoute(caches: CacheStorage, newBatchId: () => string): FetchRoute {
  return {
    name: 'share-target',
    matches: (request, url) => request.method === 'POST' && url.pathname === SHARE_TARGET_PATH,
    handle: async (event, url) => {
      let form: FormData
      try {
        form = await event.request.formData()
      } catch {
        return redirect('/')
      }
      const files = form
        .getAll(SHARE_TARGET_FILES_FIELD)
        .filter((entry): entry is File => typeof entry !== 'string')
      if (files.length === 0) {
        return redirect(sharedLink(form, url.origin) ?? '/')
      }
      const batch = newBatchId()
      const cache = await caches.open(SHARED_FILES_CACHE)
      await Promise.all(
        files.map((file, index) =>
          cache.put(
            `${SHARED_FILE_PREFIX}${batch}/${index}`,
            new Response(file, {
              headers: {
                'Content-Type': file.type || 'application/octet-stream',
                [FILE_NAME_HEADER]: encodeURIComponent(file.name),
                [LAST_MODIFIED_HEADER]: String(file.lastModified),
              },
            }),
          ),
        ),
      )
      return redirect(`/?${SHARED_QUERY}=${encodeURIComponent(batch)}`)
    },
  }
}
