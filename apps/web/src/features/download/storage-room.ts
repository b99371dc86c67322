import { formatBytes } from '../../components/format.ts'
import type { Translate } from '../../store/status-line.ts'
import { translateEn } from '../../store/ux-messages.en.ts'

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
  t: Translate = translateEn,
): string | null {
  if (estimate.quota === undefined) {
    return null
  }
  const free = Math.max(0, estimate.quota - (estimate.usage ?? 0))
  if (neededBytes <= free) {
    return null
  }
  return t('download.noRoom', { needed: formatBytes(neededBytes), free: formatBytes(free) })
}
