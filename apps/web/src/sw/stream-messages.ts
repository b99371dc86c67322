/**
 * The messages between the stream route (in the service worker) and the page that runs the
 * engine (SPEC ST-3). The worker cannot read the swarm's pieces itself: the chunk store (OPFS or
 * memory) and the engine live in the page. Each request travels with its own MessagePort; the
 * answers come back on that port.
 */

/** Worker → page, on the request's port: what the file is. */
export interface StreamInfoRequest {
  readonly type: 'stream-info'
  readonly swarmId: string
  readonly fileIndex: number
}

/** Page → worker: the file's size and MIME type, or why it cannot be streamed. */
export type StreamInfoAnswer =
  | { readonly ok: true; readonly size: number; readonly mimeType: string }
  | { readonly ok: false; readonly reason: 'unknown-swarm' | 'unknown-file' | 'no-metadata' }

/** Worker → page, on the request's port: send bytes `[start, start + length)` of the file. */
export interface StreamReadRequest {
  readonly type: 'stream-read'
  readonly swarmId: string
  readonly fileIndex: number
  readonly start: number
  readonly length: number
  /** SPEC ST-9: a preview's read (`?quiet`): a deadline only for the one piece it waits on. */
  readonly quiet?: boolean
}

/**
 * Page → worker: the next verified bytes in order, the end, or a failure (the swarm was removed).
 * Worker → page: `cancel` when the response is abandoned (the player seeked away).
 */
export type StreamReadMessage =
  | { readonly type: 'bytes'; readonly bytes: Uint8Array }
  | { readonly type: 'end' }
  | { readonly type: 'failed'; readonly reason: string }

/** Worker → page on a read's port. */
export interface StreamCancel {
  readonly type: 'cancel'
}

/** Any request the worker sends the page. */
export type StreamRequest = StreamInfoRequest | StreamReadRequest

/** Whether a message from the worker is a stream request (the page gets other messages too). */
export function isStreamRequest(data: unknown): data is StreamRequest {
  if (typeof data !== 'object' || data === null) {
    return false
  }
  const { type, swarmId, fileIndex } = data as Record<string, unknown>
  return (
    (type === 'stream-info' || type === 'stream-read') &&
    typeof swarmId === 'string' &&
    typeof fileIndex === 'number' &&
    Number.isInteger(fileIndex) &&
    fileIndex >= 0
  )
}
