import { formatBytes } from '../../components/format.ts'

/** What navigator.storage.estimate() answers (both fields may be missing). */
export interface StorageEstimateView {
  readonly quota?: number | undefined
  readonly usage?: number | undefined
}

/**
 * Why `neededBytes` more will not fit in this site's storage, or null when they fit (or the
 * browser does not say: then we try, and a write error stops the download cleanly).
 */
export function notEnoughRoomMessage(
  neededBytes: number,
  estimate: StorageEstimateView,
): string | null {
  if (estimate.quota === undefined) {
    return null
  }
  const free = Math.max(0, estimate.quota - (estimate.usage ?? 0))
  if (neededBytes <= free) {
    return null
  }
  return (
    `Not enough storage space: this download needs ${formatBytes(neededBytes)} more, but the ` +
    `browser lets this site use only ${formatBytes(free)} more. Free some disk space (or remove ` +
    `a finished download from the home page) and open the link again.`
  )
}
