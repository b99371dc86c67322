/**
 * HTTP Range requests for the stream route (RFC 9110 §14; SPEC ST-1). Pure: a header and a size
 * in, the bytes to send (or why not) out.
 */

/** Bytes `[start, end]`, inclusive, as HTTP counts them. */
export interface ByteRange {
  readonly start: number
  readonly end: number
}

/** What to answer: 200 with the whole body, 206 with one range, or 416. */
export type RangeAnswer =
  | { readonly kind: 'whole' }
  | { readonly kind: 'partial'; readonly range: ByteRange }
  | { readonly kind: 'unsatisfiable' }

/**
 * SPEC ST-1: the longest body one response carries. A media element asks `bytes=0-` and then
 * reads on; answering a bounded 206 (the Content-Range says how much) keeps each response's wait
 * short, and the element simply asks for the next range. 4 MiB is about 30 s of 1 Mbit/s video.
 */
export const MAX_RANGE_BYTES = 4 * 1024 * 1024

/**
 * Parses a Range header against a resource of `size` bytes (SPEC ST-1). Only single `bytes=`
 * ranges are served (what media elements send); a header that is not one is ignored (200, as
 * RFC 9110 allows), a range starting at or past the end is 416. The range is cut to
 * MAX_RANGE_BYTES.
 */
export function parseRange(
  header: string | null,
  size: number,
  maxBytes = MAX_RANGE_BYTES,
): RangeAnswer {
  if (header === null) {
    return { kind: 'whole' }
  }
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header)
  if (match === null) {
    return { kind: 'whole' }
  }
  const [, first = '', last = ''] = match
  if (first === '' && last === '') {
    return { kind: 'whole' }
  }
  let start: number
  let end: number
  if (first === '') {
    // A suffix range: the last N bytes.
    const suffix = Number(last)
    if (suffix === 0 || size === 0) {
      return { kind: 'unsatisfiable' }
    }
    start = Math.max(0, size - suffix)
    end = size - 1
  } else {
    start = Number(first)
    end = last === '' ? size - 1 : Math.min(Number(last), size - 1)
    if (start >= size || end < start) {
      return { kind: 'unsatisfiable' }
    }
  }
  return { kind: 'partial', range: { start, end: Math.min(end, start + maxBytes - 1) } }
}

/** The Content-Range header of a 206 (`bytes 0-99/1000`) or a 416 (`bytes *\/1000`). */
export function contentRange(range: ByteRange | null, size: number): string {
  return range === null ? `bytes */${size}` : `bytes ${range.start}-${range.end}/${size}`
}

/** A stream URL's parts: `/stream/<swarmId>/<fileIndex>/<name>` (SPEC ST-1). */
export interface StreamTarget {
  readonly swarmId: string
  readonly fileIndex: number
}

/** The path prefix the stream route owns. */
export const STREAM_PATH_PREFIX = '/stream/'

/** The target of a stream URL's path, or null when it is not one. */
export function parseStreamPath(pathname: string): StreamTarget | null {
  const match = /^\/stream\/([A-Za-z0-9_-]{1,128})\/(\d{1,6})(?:\/[^/]*)?$/.exec(pathname)
  if (match === null) {
    return null
  }
  return { swarmId: match[1] ?? '', fileIndex: Number(match[2]) }
}

/** The stream URL of a file: the name is only there for the browser's sake (download names). */
export function streamPath(swarmId: string, fileIndex: number, name: string): string {
  return `${STREAM_PATH_PREFIX}${swarmId}/${fileIndex}/${encodeURIComponent(name)}`
}
