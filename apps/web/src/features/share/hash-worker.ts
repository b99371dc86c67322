// The hashing worker: receives what to hash (hash-file.ts HashWorkerRequest), answers with progress messages and its metadata.
import type { Hasher } from '@swarmdrop/protocol'

import type { HashWorkerMessage, HashWorkerRequest } from './hash-file.ts'
import { hashFileHere } from './hash-file.ts'

/** Progress is posted at most this often: one message per piece would flood a 2,000-piece file. */
const PROGRESS_INTERVAL_MS = 100

const sha256: Hasher = (bytes) =>
  crypto.subtle
    .digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)
    .then((digest) => new Uint8Array(digest))

const post = (message: HashWorkerMessage, transfer: Transferable[] = []): void =>
  self.postMessage(message, { transfer })

self.onmessage = (event: MessageEvent<HashWorkerRequest>) => {
  const { description, stream: file } = event.data
  let lastPost = 0
  hashFileHere(description, file, sha256, (hashedBytes) => {
    const now = performance.now()
    if (now - lastPost >= PROGRESS_INTERVAL_MS || hashedBytes === file.size) {
      lastPost = now
      post({ type: 'progress', hashedBytes })
    }
  }).then(
    (metadata) => post({ type: 'done', metadata }, [metadata.pieceHashes.buffer as ArrayBuffer]),
    (error: unknown) =>
      post({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
  )
}
