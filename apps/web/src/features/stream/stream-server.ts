import type { Engine, SwarmHandle } from '@swarmdrop/engine'
import type { FileEntry, Metadata, SwarmId, Unsubscribe } from '@swarmdrop/protocol'
import { fileRangeInPieces } from '@swarmdrop/protocol'

import type {
  StreamInfoAnswer,
  StreamReadMessage,
  StreamRequest,
} from '../../sw/stream-messages.ts'
import { isStreamRequest } from '../../sw/stream-messages.ts'

import { mimeTypeOfName } from './media-kind.ts'

/** The files of a swarm as the file map counts them (a single file is a list of one). */
export function filesOf(metadata: Metadata): readonly FileEntry[] {
  return metadata.files ?? [{ path: [metadata.name], length: metadata.size }]
}

/** A file's MIME type: the metadata's for a single file, else from its name. */
export function mimeTypeOfFile(metadata: Metadata, fileIndex: number): string {
  if (metadata.files === undefined) {
    return metadata.mimeType
  }
  const path = metadata.files[fileIndex]?.path ?? []
  return mimeTypeOfName(path[path.length - 1] ?? '')
}

/** What the stream server needs of the page. */
export interface StreamServerDeps {
  /** The tab's engine, or null before it exists (then no swarm is known). */
  readonly engine: () => Engine | null
  /** The bitrate the player measured for a file (bits/s), 0 when not known. */
  readonly bitrateOf: (swarmId: string, fileIndex: number) => number
  /** Whether waiting reads set deadlines (false only for bench:stream's comparison, ST-8). */
  readonly deadlines?: boolean
}

/**
 * SPEC ST-3: answers the stream route's requests (sw/stream-route.ts) from this tab's engine:
 * what a file is, and its bytes in order, each piece sent only once verified. While it waits for
 * a piece it tells the engine where the player is (setPlayback: deadlines, ST-5); a cancelled
 * read (the player seeked away, ST-4) stops waiting; a removed swarm fails the read.
 * @returns stops listening
 */
export function installStreamServer(
  container: Pick<ServiceWorkerContainer, 'addEventListener' | 'removeEventListener'>,
  deps: StreamServerDeps,
): Unsubscribe {
  const listener = (event: MessageEvent): void => {
    const data: unknown = event.data
    const port = event.ports[0]
    if (!isStreamRequest(data) || port === undefined) {
      return
    }
    handle(data, port, deps)
  }
  container.addEventListener('message', listener as EventListener)
  return () => container.removeEventListener('message', listener as EventListener)
}

function handle(request: StreamRequest, port: MessagePort, deps: StreamServerDeps): void {
  const engine = deps.engine()
  const swarm = engine?.swarm(request.swarmId as SwarmId)
  if (request.type === 'stream-info') {
    port.postMessage(infoOf(swarm, request.fileIndex) satisfies StreamInfoAnswer)
    port.close()
    return
  }
  if (engine === null || swarm === undefined || swarm.metadata() === null) {
    post(port, { type: 'failed', reason: 'unknown-swarm' })
    port.close()
    return
  }
  void read(engine, swarm, request, port, deps)
}

function infoOf(swarm: SwarmHandle | undefined, fileIndex: number): StreamInfoAnswer {
  const metadata = swarm?.metadata() ?? null
  if (swarm === undefined) {
    return { ok: false, reason: 'unknown-swarm' }
  }
  if (metadata === null) {
    return { ok: false, reason: 'no-metadata' }
  }
  const file = filesOf(metadata)[fileIndex]
  if (file === undefined) {
    return { ok: false, reason: 'unknown-file' }
  }
  return { ok: true, size: file.length, mimeType: mimeTypeOfFile(metadata, fileIndex) }
}

function post(port: MessagePort, message: StreamReadMessage): void {
  if (message.type === 'bytes') {
    port.postMessage(message, [message.bytes.buffer])
  } else {
    port.postMessage(message)
  }
}

async function read(
  engine: Engine,
  swarm: SwarmHandle,
  request: Extract<StreamRequest, { type: 'stream-read' }>,
  port: MessagePort,
  deps: StreamServerDeps,
): Promise<void> {
  const metadata = swarm.metadata() as Metadata
  const { swarmId, fileIndex, start, length } = request
  let cancelled = false
  let wake: (() => void) | null = null
  port.onmessage = () => {
    cancelled = true
    wake?.()
  }
  const stop = engine.onEvent((event) => {
    if (
      (event.type === 'piece-verified' && event.swarmId === swarmId) ||
      (event.type === 'swarm-removed' && event.swarmId === swarmId)
    ) {
      wake?.()
    }
  })
  const removed = (): boolean => engine.swarm(swarmId as SwarmId) !== swarm
  try {
    const slices = fileRangeInPieces(
      filesOf(metadata),
      metadata.pieceLength,
      fileIndex,
      start,
      length,
    )
    let sent = 0
    for (const slice of slices) {
      while (!swarm.has(slice.index) && !cancelled && !removed()) {
        // SPEC ST-5: the engine sets deadlines from where the player waits; a preview's quiet
        // read (ST-9) gives one only to the piece it waits on, so it bends rarest first by one
        // piece at a time and a text's first bytes never come last.
        if (deps.deadlines !== false) {
          swarm.setPlayback({
            fileIndex,
            byteOffset: start + sent,
            bitrateBps: deps.bitrateOf(swarmId, fileIndex),
            ...(request.quiet === true ? { endByte: start + sent + slice.length } : {}),
          })
        }
        await new Promise<void>((resolve) => {
          wake = resolve
        })
        wake = null
      }
      if (cancelled) {
        return
      }
      if (removed()) {
        post(port, { type: 'failed', reason: 'removed' })
        return
      }
      const bytes = await swarm.read(slice.index, slice.offset, slice.length)
      if (cancelled) {
        return
      }
      // The store may hand out a view of a larger buffer: send a copy of exactly these bytes.
      post(port, { type: 'bytes', bytes: bytes.slice() })
      sent += slice.length
    }
    post(port, { type: 'end' })
  } catch (error) {
    if (!cancelled) {
      post(port, { type: 'failed', reason: String(error) })
    }
  } finally {
    stop()
    port.onmessage = null
    port.close()
  }
}
