// The piece-writer worker (piece-writer.ts): writes each piece file the page sends with a
// FileSystemSyncAccessHandle, one at a time in arrival order, and answers every write.
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
// Writes run one after another: two handles on one file would collide (its lock is exclusive),
// and a second piece written alongside bought little in Chromium 150 (measured, ADR 0005).
let queue = Promise.resolve()

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

self.onmessage = (event: MessageEvent<PieceWriterRequest>) => {
  const request = event.data
  if (request.type === 'open') {
    directory = request.directory
    return
  }
  const { id, name, bytes } = request
  queue = queue.then(() =>
    writePiece(name, bytes).then(
      () => post({ type: 'written', id, bytes }, [bytes.buffer]),
      (error: unknown) =>
        post({
          type: 'failed',
          id,
          name,
          message: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        }),
    ),
  )
}
