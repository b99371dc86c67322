import type { PickedFile } from '../features/share/pick-files.ts'

import {
  FILE_NAME_HEADER,
  LAST_MODIFIED_HEADER,
  SHARED_FILES_CACHE,
  SHARED_FILE_PREFIX,
  SHARED_QUERY,
} from './share-target-protocol.ts'

const decodedName = (header: string | null, fallback: string): string => {
  try {
    return header === null ? fallback : decodeURIComponent(header)
  } catch {
    return fallback
  }
}

/**
 * The files another app shared to Swarmdrop (SPEC PWA-4), when this page load is the share
 * target's redirect (`?shared=<batch>`): taken out of the cache the service worker put them in,
 * in the order they were shared. Empty for any other load.
 */
export async function takeSharedFiles(
  search: string,
  caches: CacheStorage | undefined = globalThis.caches,
): Promise<PickedFile[]> {
  const batch = new URLSearchParams(search).get(SHARED_QUERY)
  if (batch === null || caches === undefined) {
    return []
  }
  const cache = await caches.open(SHARED_FILES_CACHE)
  const prefix = `${SHARED_FILE_PREFIX}${batch}/`
  const requests = (await cache.keys()).filter((request) =>
    new URL(request.url).pathname.startsWith(prefix),
  )
  const indexOf = (request: Request): number =>
    Number(new URL(request.url).pathname.slice(prefix.length))
  requests.sort((a, b) => indexOf(a) - indexOf(b))
  const picked: PickedFile[] = []
  for (const request of requests) {
    const response = await cache.match(request)
    if (response === undefined) {
      continue
    }
    const name = decodedName(response.headers.get(FILE_NAME_HEADER), `file-${indexOf(request)}`)
    const lastModified = Number(response.headers.get(LAST_MODIFIED_HEADER)) || Date.now()
    const blob = await response.blob()
    const file = new File([blob], name, { type: blob.type, lastModified })
    picked.push({ file, path: [name] })
  }
  // The Files now hold the bytes; the cache copy would only take disk space.
  await Promise.all(requests.map((request) => cache.delete(request)))
  return picked
}

/** The page's search string without `?shared=…`, so a reload does not look for the batch again. */
export function withoutSharedQuery(search: string): string {
  const params = new URLSearchParams(search)
  params.delete(SHARED_QUERY)
  const rest = params.toString()
  return rest === '' ? '' : `?${rest}`
}
