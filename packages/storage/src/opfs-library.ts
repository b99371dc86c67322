import type { Metadata } from '@swarmdrop/protocol'
import { decodeMetadata, pieceCount } from '@swarmdrop/protocol'

import type { DiskChunkStore } from './opfs-store.ts'
import { createOpfsStore } from './opfs-store.ts'

/** This app's folder in the origin's private file system; one sub-folder per swarm id. */
export const LIBRARY_DIRECTORY = 'swarmdrop'
/** The swarm's canonical metadata encoding (MD-1), so a reload can resume without peers. */
const METADATA_FILE = 'metadata'
/** Present when the swarm was seeded from a file the user chose: its pieces are not on disk. */
const SEEDING_FILE = 'seeding'
/**
 * The last file saved from the swarm (the zip of a folder), written here rather than built in
 * memory. One per swarm, overwritten by the next save and removed with the swarm.
 */
const SAVED_FILE = 'saved'

/** One swarm this browser keeps on disk. */
export interface LibraryEntry {
  readonly swarmId: string
  /** Null when the folder holds no readable metadata (an interrupted first write). */
  readonly metadata: Metadata | null
  /** Pieces on disk (not re-verified: a listing must stay cheap). */
  readonly storedPieces: number
  /** Seeded from the user's own file (nothing on disk but the metadata). */
  readonly seeding: boolean
}

/** True where this browser has the Origin Private File System. */
export function hasOpfs(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.storage?.getDirectory === 'function'
}

async function libraryRoot(): Promise<FileSystemDirectoryHandle> {
  const root = await navigator.storage.getDirectory()
  return root.getDirectoryHandle(LIBRARY_DIRECTORY, { create: true })
}

async function readMetadata(directory: FileSystemDirectoryHandle): Promise<Metadata | null> {
  try {
    const file = await (await directory.getFileHandle(METADATA_FILE)).getFile()
    return decodeMetadata(new Uint8Array(await file.arrayBuffer()))
  } catch {
    return null
  }
}

/** The swarm's folder, created when missing. */
export async function swarmDirectory(swarmId: string): Promise<FileSystemDirectoryHandle> {
  return (await libraryRoot()).getDirectoryHandle(swarmId, { create: true })
}

/** The metadata stored for `swarmId`, or null when there is none (never downloaded here). */
export async function storedMetadata(swarmId: string): Promise<Metadata | null> {
  return readMetadata(await swarmDirectory(swarmId))
}

/**
 * Records a swarm's metadata (its encoding) next to its pieces; `seeding` marks a swarm seeded
 * from the user's own file, so the library can list it.
 */
export async function storeMetadata(
  swarmId: string,
  encoded: Uint8Array,
  options: { readonly seeding?: boolean } = {},
): Promise<void> {
  const directory = await swarmDirectory(swarmId)
  const handle = await directory.getFileHandle(METADATA_FILE, { create: true })
  const writable = await handle.createWritable()
  await writable.write(encoded as Uint8Array<ArrayBuffer>)
  await writable.close()
  if (options.seeding === true) {
    await directory.getFileHandle(SEEDING_FILE, { create: true })
  }
}

async function hasFile(directory: FileSystemDirectoryHandle, name: string): Promise<boolean> {
  try {
    await directory.getFileHandle(name)
    return true
  } catch {
    return false
  }
}

/**
 * Lets `write` stream a file into the swarm's folder, replacing the previous saved file, and
 * returns it as a File on disk that the browser can stream to a download: memory stays flat
 * whatever the size. `write` must close the sink when done (pipeTo does; it aborts on failure).
 * createWritable commits only on close, so a failed write leaves the previous file untouched.
 */
export async function writeSavedFile(
  swarmId: string,
  write: (sink: WritableStream<Uint8Array>) => Promise<void>,
): Promise<File> {
  const directory = await swarmDirectory(swarmId)
  const handle = await directory.getFileHandle(SAVED_FILE, { create: true })
  await write(await handle.createWritable())
  return handle.getFile()
}

/** An OPFS piece store in the swarm's folder (created on first use). */
export function openSwarmStore(swarmId: string, metadata: Metadata): DiskChunkStore {
  return createOpfsStore(swarmDirectory(swarmId), metadata)
}

/** Every swarm this browser keeps on disk, with its metadata and how many pieces it holds. */
export async function listLibrary(): Promise<LibraryEntry[]> {
  const entries: LibraryEntry[] = []
  for await (const [swarmId, handle] of (await libraryRoot()).entries()) {
    if (handle.kind !== 'directory') {
      continue
    }
    const directory = handle as FileSystemDirectoryHandle
    const metadata = await readMetadata(directory)
    let storedPieces = 0
    if (metadata !== null) {
      const store = createOpfsStore(directory, metadata)
      storedPieces = Math.min(pieceCount(metadata), (await store.storedPieces()).length)
      await store.close()
    }
    entries.push({
      swarmId,
      metadata,
      storedPieces,
      seeding: await hasFile(directory, SEEDING_FILE),
    })
  }
  return entries.sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''))
}

/** Deletes a swarm's folder: its metadata and every piece. */
export async function removeFromLibrary(swarmId: string): Promise<void> {
  try {
    await (await libraryRoot()).removeEntry(swarmId, { recursive: true })
  } catch (error) {
    if (!(error instanceof DOMException && error.name === 'NotFoundError')) {
      throw error
    }
  }
}
