/**
 * How a file shared from another app reaches the page (SPEC PWA-4): the manifest's
 * `share_target` POSTs it to SHARE_TARGET_PATH; the service worker keeps each file in the
 * SHARED_FILES_CACHE under `SHARED_FILE_PREFIX<batch>/<index>` and redirects the tab to
 * `/?<SHARED_QUERY>=<batch>`; the page takes the files out of the cache and seeds them. The cache
 * (not a message) carries them, so they survive the worker being stopped in between.
 */
export const SHARE_TARGET_PATH = '/share-target'

/** The form field the manifest names for files (`share_target.params.files[0].name`). */
export const SHARE_TARGET_FILES_FIELD = 'files'

/** Cache Storage cache that holds shared files between the POST and the page. */
export const SHARED_FILES_CACHE = 'swarmdrop-shared-files'

/** Path prefix of the cache entries; never a real URL on the server. */
export const SHARED_FILE_PREFIX = '/__shared-file/'

/** The query parameter that names the batch the page should take. */
export const SHARED_QUERY = 'shared'

/** Headers on a cached entry that carry what a Response cannot: the file's name and date. */
export const FILE_NAME_HEADER = 'x-swarmdrop-file-name'
export const LAST_MODIFIED_HEADER = 'x-swarmdrop-last-modified'
