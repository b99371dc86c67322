// The piece-writer worker (piece-writer.ts): writes each piece file the page sends with a
// FileSystemSyncAccessHandle, several files at once (one file's writes in arrival order), and
// answers every write, handing the piece's buffer back.
import type { PieceWriterReply, PieceWriterRequest } from './piece-writer.ts'

/** The worker-only OPFS API; TypeScript declares it in the webworker lib, which this package does not load. */
interface SyncAccessHandle {
  getSize(): number
  truncate(size: number): void
  write(buffer: Uint8Array, options: { at: number }): number
  flush(): void
  close(): void
}
type SyncFileHandle = FileSystemFileHandle & {
  createSyncAccessHandle(): Promise<SyncAccessHandle>
}

let directory: FileSystemDirectoryHandle | null = null

/**
 * Piece files written at once. Each file costs a few round trips to the browser process (open,
 * grow, close) that dwarf its bytes; one at a time, the worker wrote 16–32 KiB pieces slower than
 * the page's createWritable calls did with several in flight (ADR 0005).
 */
const WRITES_IN_FLIGHT = 8

type Write = Extract<PieceWriterRequest, { type: 'write' }>
/** Writes not started yet, in arrival order. */
const queued: Write[] = []
/** Files being written: a second write of one waits (a file's access handle is exclusive). */
const writing = new Set<string>()

const post = (reply: PieceWriterReply, transfer: Transferable[] = []): void =>
  self.postMessage(reply, { transfer })

async function writePiece(name: string, bytes: Uint8Array): Promise<void> {
  if (directory === null) {
    throw new Error('no directory')
  }
  const file = (await directory.getFileHandle(name, { create: true })) as SyncFileHandle
  const handle = await file.createSyncAccessHandle()
  try {
    const written = handle.write(bytes, { at: 0 })
    if (written !== bytes.length) {
      throw new Error(`wrote ${written} of ${bytes.length} bytes`)
    }
    // A piece is rewritten at the same size; a longer file would keep its stale tail.
    if (handle.getSize() !== bytes.length) {
      handle.truncate(bytes.length)
    }
    handle.flush()
  } finally {
    handle.close()
  }
}

function startWrites(): void {
  for (let i = 0; i < queued.length && writing.size < WRITES_IN_FLIGHT;) {
    const write = queued[i] as Write
    if (writing.has(write.name)) {
      i++
      continue
    }
    queued.splice(i, 1)
    writing.add(write.name)
    const { id, name, bytes } = write
    writePiece(name, bytes)
      .then(
        () => post({ type: 'written', id, bytes }, [bytes.buffer]),
        (error: unknown) =>
          post({
            type: 'failed',
            id,
            name,
            message: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
          }),
      )
      .finally(() => {
        writing.delete(name)
        startWrites()
      })
  }
}

self.onmessage = (event: MessageEvent<PieceWriterRequest>) => {
  const request = event.data
  if (request.type === 'open') {
    directory = request.directory
    return
  }
  queued.push(request)
  startWrites()
}
