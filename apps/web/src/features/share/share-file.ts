import type { FileDescription } from '@swarmdrop/protocol'
import { encodeMetadata, swarmIdOf } from '@swarmdrop/protocol'
import { createBlobStore, hasOpfs, storeMetadata } from '@swarmdrop/storage'

import type { EngineHost } from '../../app-context.ts'
import { fileInfoOf } from '../../store/file-info.ts'
import { withSwarm } from '../../store/swarm-store.ts'
import type { SwarmStore } from '../../store/swarm-store.ts'

import { hashFileHere, hashFileInWorker } from './hash-file.ts'
import type { PickedFile } from './pick-files.ts'
import { refusalOf, selectionOf } from './pick-files.ts'
import { shareSalt } from './share-salt.ts'

export { EMPTY_FILE_MESSAGE } from './pick-files.ts'

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : 'Something went wrong.'

/** How to share (SPEC MD-10, PL-5). */
export interface ShareOptions {
  /** Guards the share with a password: its link becomes a `#2p.` one. */
  readonly password?: string
  /** A fresh salt, hence a new link, even for files shared before ("New link"). */
  readonly freshSalt?: boolean
}

/**
 * Shares a dropped file, folder or several files: hashes the pieces in a worker (showing
 * progress), derives
 * the swarm id and seeds straight from the Files, never copying them into memory. The seeder's
 * view stays in the store; the URL is left alone so the tab keeps its seeding view.
 */
export async function shareFiles(
  picked: readonly PickedFile[],
  host: EngineHost,
  store: SwarmStore,
  options: ShareOptions = {},
): Promise<void> {
  if (store.getState().share.phase === 'hashing' || picked.length === 0) {
    return
  }
  const selection = selectionOf(picked)
  const refusal = refusalOf(selection)
  if (refusal !== null) {
    store.setState({ share: { phase: 'idle', error: refusal } })
    return
  }
  store.setState({
    share: { phase: 'hashing', name: selection.name, size: selection.size, hashedBytes: 0 },
  })
  const password = options.password === '' ? undefined : options.password
  try {
    const { engine, hasher } = host.services()
    // A Blob of Blobs refers to the Files' bytes, so pieces spanning files read as one range.
    const [only] = selection.blobs
    const stream =
      selection.blobs.length === 1 && only !== undefined
        ? only
        : new Blob(selection.blobs as File[])
    const onProgress = (hashedBytes: number): void =>
      store.setState(({ share }) =>
        share.phase === 'hashing' ? { share: { ...share, hashedBytes } } : {},
      )
    // Plain data for the worker; the Files travel inside `stream`.
    const { name, size, mimeType, files } = selection
    const salt = await shareSalt({ files: selection.blobs }, hasher, {
      fresh: options.freshSalt === true,
    })
    const description: FileDescription = {
      name,
      size,
      mimeType,
      salt,
      ...(files === undefined ? {} : { files }),
    }
    // Off the main thread where the browser has workers (jsdom has none).
    const metadata =
      typeof Worker === 'function'
        ? await hashFileInWorker(description, stream, onProgress)
        : await hashFileHere(description, stream, hasher, onProgress)
    const encoded = encodeMetadata(metadata)
    const swarmId = await swarmIdOf(encoded, hasher)
    if (hasOpfs()) {
      // Listed in the home page's library; sharing goes on if the disk refuses.
      storeMetadata(swarmId, encoded, { seeding: true }).catch(() => {})
    }
    store.setState((state) => ({
      ...withSwarm(
        state,
        swarmId,
        (swarm) => ({
          ...swarm,
          seeding: true,
          complete: true,
          file: fileInfoOf(metadata),
        }),
        true,
      ),
      share: { phase: 'seeding', swarmId, passwordRequired: password !== undefined },
    }))
    if (engine.torrent(swarmId) === undefined) {
      await engine.seed(
        metadata,
        createBlobStore(selection.blobs, metadata),
        password === undefined ? {} : { password },
      )
    }
  } catch (error) {
    store.setState({
      share: { phase: 'idle', error: `Could not share this file: ${messageOf(error)}` },
    })
  }
}
