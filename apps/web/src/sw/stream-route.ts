import { contentRange, parseRange, parseStreamPath } from './byte-range.ts'
import type { FetchRoute } from './fetch-routes.ts'
import type {
  StreamCancel,
  StreamInfoAnswer,
  StreamReadMessage,
  StreamRequest,
} from './stream-messages.ts'

/** A window the worker can post to (the page that runs the engine). */
export interface StreamClient {
  postMessage(message: StreamRequest, transfer: Transferable[]): void
}

/** Finds the page behind a request: the one that asked, else any window of this origin. */
export type FindClient = (clientId: string) => Promise<StreamClient | undefined>

/** How long the worker waits for the page to say what a file is before giving up. */
const INFO_TIMEOUT_MS = 10_000

/**
 * SPEC ST-1…ST-4: `/stream/<swarmId>/<fileIndex>/<name>` answers HTTP Range requests from the
 * swarm's verified pieces, which the page reads for it (stream-messages.ts). A range whose
 * pieces are not verified yet waits for them (the page tells the engine, which sets deadlines);
 * the body is a stream, so what is verified flows at once and an abandoned request (a seek)
 * cancels the page's wait.
 */
export function streamRoute(findClient: FindClient): FetchRoute {
  return {
    name: 'stream',
    matches: (request, url) => request.method === 'GET' && parseStreamPath(url.pathname) !== null,
    async handle(event, url) {
      const target = parseStreamPath(url.pathname)
      const client = await findClient((event as unknown as { clientId?: string }).clientId ?? '')
      if (target === null || client === undefined) {
        return new Response(null, { status: 404 })
      }
      const info = await askInfo(client, target.swarmId, target.fileIndex)
      if (!info.ok) {
        return new Response(null, { status: 404, statusText: info.reason })
      }
      const { size, mimeType } = info
      const answer = parseRange(event.request.headers.get('range'), size)
      const type = mimeType === '' ? 'application/octet-stream' : mimeType
      if (answer.kind === 'unsatisfiable') {
        return new Response(null, {
          status: 416,
          headers: { 'content-range': contentRange(null, size), 'accept-ranges': 'bytes' },
        })
      }
      const range =
        answer.kind === 'partial' ? answer.range : { start: 0, end: Math.max(0, size - 1) }
      const length = size === 0 ? 0 : range.end - range.start + 1
      const body = readStream(
        client,
        target.swarmId,
        target.fileIndex,
        range.start,
        length,
        event.request.signal,
        url.searchParams.has('quiet'),
      )
      const headers: Record<string, string> = {
        'content-type': type,
        'content-length': String(length),
        'accept-ranges': 'bytes',
        'cache-control': 'no-store',
      }
      if (answer.kind === 'partial') {
        headers['content-range'] = contentRange(range, size)
      }
      return new Response(body, { status: answer.kind === 'partial' ? 206 : 200, headers })
    },
  }
}

function askInfo(
  client: StreamClient,
  swarmId: string,
  fileIndex: number,
): Promise<StreamInfoAnswer> {
  const channel = new MessageChannel()
  return new Promise<StreamInfoAnswer>((resolve) => {
    const timer = setTimeout(() => {
      channel.port1.close()
      resolve({ ok: false, reason: 'unknown-swarm' })
    }, INFO_TIMEOUT_MS)
    channel.port1.onmessage = (message: MessageEvent<StreamInfoAnswer>) => {
      clearTimeout(timer)
      channel.port1.close()
      resolve(message.data)
    }
    client.postMessage({ type: 'stream-info', swarmId, fileIndex }, [channel.port2])
  })
}

/**
 * The body of one response: the page pushes the range's bytes in order as their pieces are
 * verified (SPEC ST-3), and the stream ends after exactly `length` bytes. Cancelling it (the
 * element dropped the response) or aborting the request tells the page to stop waiting (ST-4).
 */
function readStream(
  client: StreamClient,
  swarmId: string,
  fileIndex: number,
  start: number,
  length: number,
  signal: AbortSignal | undefined,
  quiet: boolean,
): ReadableStream<Uint8Array> | null {
  if (length === 0) {
    return null
  }
  const channel = new MessageChannel()
  const port = channel.port1
  let done = false
  const cancel = (): void => {
    if (!done) {
      done = true
      const message: StreamCancel = { type: 'cancel' }
      port.postMessage(message)
      port.close()
    }
  }
  return new ReadableStream<Uint8Array>({
    start(controller) {
      signal?.addEventListener('abort', () => {
        cancel()
        try {
          controller.error(new DOMException('aborted', 'AbortError'))
        } catch {
          // Already closed.
        }
      })
      port.onmessage = (message: MessageEvent<StreamReadMessage>) => {
        const data = message.data
        if (done) {
          return
        }
        if (data.type === 'bytes') {
          controller.enqueue(data.bytes)
        } else if (data.type === 'end') {
          done = true
          port.close()
          controller.close()
        } else {
          done = true
          port.close()
          controller.error(new Error(data.reason))
        }
      }
      const read: StreamRequest = {
        type: 'stream-read',
        swarmId,
        fileIndex,
        start,
        length,
        ...(quiet ? { quiet } : {}),
      }
      client.postMessage(read, [channel.port2])
    },
    cancel,
  })
}
