import type { ChunkStore, Engine } from '@swarmdrop/engine'
import type { Metadata, SwarmId } from '@swarmdrop/protocol'
import { filesOf } from '@swarmdrop/protocol'
import { readFileBlob, readFileStream } from '@swarmdrop/storage'
import { downloadZip } from 'client-zip'

import { downloadBlob } from './save-file.ts'

function completed(engine: Engine, swarmId: SwarmId): { metadata: Metadata; store: ChunkStore } {
  const torrent = engine.torrent(swarmId)
  const metadata = torrent?.metadata() ?? null
  const store = torrent?.store() ?? null
  if (metadata === null || store === null || torrent?.isComplete() !== true) {
    throw new Error('The download is not complete yet.')
  }
  return { metadata, store }
}

/**
 * Saves file `fileIndex` of a completed swarm under its own name (a browser download cannot
 * create folders; the zip keeps the paths).
 */
export async function saveSwarmFileAt(
  engine: Engine,
  swarmId: SwarmId,
  fileIndex: number,
): Promise<void> {
  const { metadata, store } = completed(engine, swarmId)
  const path = filesOf(metadata)[fileIndex]?.path ?? []
  downloadBlob(await readFileBlob(store, metadata, fileIndex), path.at(-1) ?? metadata.name)
}

/**
 * Saves every file of a completed swarm as `<name>.zip` with their paths (SPEC MD-7). client-zip
 * writes the zip as a stream, pulling each file's bytes from the pieces only as it goes.
 */
export async function saveSwarmZip(engine: Engine, swarmId: SwarmId): Promise<void> {
  const { metadata, store } = completed(engine, swarmId)
  const files = filesOf(metadata)
  const lastModified = new Date()
  function* entries() {
    for (const [index, file] of files.entries()) {
      yield {
        name: file.path.join('/'),
        input: readFileStream(store, metadata, index),
        size: file.length,
        lastModified,
      }
    }
  }
  const zip = await downloadZip(entries()).blob()
  downloadBlob(new Blob([zip], { type: 'application/zip' }), `${metadata.name}.zip`)
}
