import type { Metadata, SwarmId } from '@swarmdrop/protocol'
import { filesOf } from '@swarmdrop/protocol'
import { hasOpfs, readFileBlob, readFileStream, writeSavedFile } from '@swarmdrop/storage'
import { makeZip } from 'client-zip'

import type { OwnedStore } from './owned-store.ts'
import { downloadBlob } from './save-file.ts'

/** One file to put in a zip: its path inside the zip, its bytes as a stream, its size. */
export interface ZipEntry {
  readonly name: string
  readonly input: ReadableStream<Uint8Array>
  readonly size: number
  readonly lastModified: Date
}

/**
 * Saves file `fileIndex` of a completed swarm under its own name (a browser download cannot
 * create folders; the zip keeps the paths).
 */
export async function saveSwarmFileAt(
  metadata: Metadata,
  { store }: OwnedStore,
  fileIndex: number,
): Promise<void> {
  const path = filesOf(metadata)[fileIndex]?.path ?? []
  downloadBlob(await readFileBlob(store, metadata, fileIndex), path.at(-1) ?? metadata.name)
}

/**
 * Streams a zip of `entries` into `sink` and resolves once the sink has closed. client-zip pulls
 * each entry's stream only as it writes it, so only small buffers are ever in memory.
 */
export function writeZip(
  entries: Iterable<ZipEntry> | AsyncIterable<ZipEntry>,
  sink: WritableStream<Uint8Array>,
): Promise<void> {
  return makeZip(entries).pipeTo(sink)
}

/**
 * Saves every file of a completed swarm as `<name>.zip` with their paths (SPEC MD-7). Where the
 * browser has OPFS the zip is streamed into the swarm's folder and the download reads it from
 * disk, so memory stays flat whatever the size (issue #4); elsewhere (jsdom) it is a Blob.
 */
export async function saveSwarmZip(
  swarmId: SwarmId,
  metadata: Metadata,
  { store }: OwnedStore,
): Promise<void> {
  const files = filesOf(metadata)
  const lastModified = new Date()
  function* entries(): Generator<ZipEntry> {
    for (const [index, file] of files.entries()) {
      yield {
        name: file.path.join('/'),
        input: readFileStream(store, metadata, index),
        size: file.length,
        lastModified,
      }
    }
  }
  const name = `${metadata.name}.zip`
  if (hasOpfs()) {
    downloadBlob(await writeSavedFile(swarmId, (sink) => writeZip(entries(), sink)), name)
    return
  }
  const chunks: Uint8Array[] = []
  await writeZip(entries(), new WritableStream({ write: (chunk) => void chunks.push(chunk) }))
  // client-zip's chunks are plain ArrayBuffer views, never shared memory.
  downloadBlob(new Blob(chunks as Uint8Array<ArrayBuffer>[], { type: 'application/zip' }), name)
}
