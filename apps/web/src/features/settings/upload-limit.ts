/** The UI shows and takes the upload cap in KiB/s; the engine works in bytes/s. */
export const BYTES_PER_KIB = 1024

/** Largest cap accepted, KiB/s (1 GiB/s): far above any data channel, so never a real limit. */
export const MAX_UPLOAD_LIMIT_KIB = 1_048_576

/**
 * Reads what someone typed as an upload cap: blank or 0 means unlimited.
 * @returns bytes/s (0 = unlimited), or null when the text is not a whole number of KiB/s in range
 */
export function parseUploadLimitKib(text: string): number | null {
  const trimmed = text.trim()
  if (trimmed === '') {
    return 0
  }
  if (!/^\d{1,7}$/.test(trimmed)) {
    return null
  }
  const kib = Number(trimmed)
  return kib <= MAX_UPLOAD_LIMIT_KIB ? kib * BYTES_PER_KIB : null
}

/** The text box's value for a cap in bytes/s: blank for unlimited. */
export function uploadLimitInputValue(bytesPerSecond: number): string {
  return bytesPerSecond <= 0 ? '' : String(Math.round(bytesPerSecond / BYTES_PER_KIB))
}
