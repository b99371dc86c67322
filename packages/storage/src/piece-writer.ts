/**
 * Writes piece files into one OPFS directory and says when each write has landed. The store
 * (opfs-store.ts) owns the order and the memory; a writer only moves bytes to disk.
 */
export interface PieceWriter {
  /**
   * Writes `bytes` as the whole file `name` (created when missing). The writer takes the
   * buffer (transferred, not copied) and hands it back, as the resolved value, once the file is
   * on disk; rejects with the disk's error.
   */
  write(name: string, bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>>
  /** Stops the writer; call it only once every write has settled. */
  close(): void
}

/** What the page asks the piece-writer worker (piece-writer-worker.ts) to do. */
export type PieceWriterRequest =
  | { readonly type: 'open'; readonly directory: FileSystemDirectoryHandle }
  | {
      readonly type: 'write'
      readonly id: number
      readonly name: string
      readonly bytes: Uint8Array<ArrayBuffer>
    }

/** The worker's answer to one `write`. */
export type PieceWriterReply =
  | { readonly type: 'written'; readonly id: number; readonly bytes: Uint8Array<ArrayBuffer> }
  | {
      readonly type: 'failed'
      readonly id: number
      readonly message: string
      readonly name: string
    }

/**
 * A PieceWriter backed by a dedicated worker that writes with FileSystemSyncAccessHandle: the
 * only in-place OPFS writer, and worker-only. On the page, createWritable writes a swap file and
 * renames it over the piece on close, a few ms of main-thread round trips per piece; in the
 * worker none of that touches the page (ADR 0005). The worker starts on the first write, so a
 * store that only lists or reads (the library, Save) never starts one.
 */
export function createWorkerPieceWriter(
  directory: Promise<FileSystemDirectoryHandle>,
): PieceWriter {
  let worker: Worker | null = null
  let nextId = 0
  const waiting = new Map<
    number,
    { resolve: (bytes: Uint8Array<ArrayBuffer>) => void; reject: (error: Error) => void }
  >()

  const failAll = (error: Error): void => {
    for (const { reject } of waiting.values()) {
      reject(error)
    }
    waiting.clear()
  }

  const start = async (): Promise<Worker> => {
    const started = new Worker(new URL('./piece-writer-worker.ts', import.meta.url), {
      type: 'module',
    })
    started.onmessage = (event: MessageEvent<PieceWriterReply>) => {
      const reply = event.data
      const pending = waiting.get(reply.id)
      waiting.delete(reply.id)
      if (reply.type === 'written') {
        pending?.resolve(reply.bytes)
      } else {
        pending?.reject(new Error(`writing ${reply.name} failed: ${reply.message}`))
      }
    }
    started.onerror = (event) => {
      failAll(new Error(event.message || 'the piece-writer worker failed'))
    }
    const open: PieceWriterRequest = { type: 'open', directory: await directory }
    started.postMessage(open)
    return started
  }
  let ready: Promise<Worker> | null = null

  return {
    async write(name, bytes) {
      ready ??= start().then((started) => (worker = started))
      const target = await ready
      const id = nextId++
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject })
        const request: PieceWriterRequest = { type: 'write', id, name, bytes }
        target.postMessage(request, [bytes.buffer])
      })
    },

    close() {
      worker?.terminate()
      worker = null
      failAll(new Error('the piece writer is closed'))
    },
  }
}
