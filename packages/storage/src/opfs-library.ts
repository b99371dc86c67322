import type { Metadata } from '@swarmdrop/protocol'
import { decodeMetadata, pieceCount } from '@swarmdrop/protocol'

import type { DiskChunkStore } from './opfs-store.ts'
import { createOpfsStore } from './opfs-store.ts'

/** This app's folder in the origin's private file system; one sub-folder per swarm id. */
export const LIBRARY_DIRECTORY = 'swarmdrop'
/** The swarm's canonical metadata encoding (MD-1), so a reload can resume without peers. */
const METADATA_FILE = 'metadata'

/** One swarm this browser keeps on disk. */
export interface LibraryEntry {
  readonly swarmId: string
  /** Null when the folder holds no readable metadata (an interrupted first write). */
  readonly metadata: Metadata | null
  /** Pieces on disk (not re-verified: a listing must stay cheap). */
  readonly storedPieces: number
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

/** Records a swarm's metadata (its encoding) next to its pieces. */
export async function storeMetadata(swarmId: string, encoded: Uint8Array): Promise<void> {
  const handle = await (
    await swarmDirectory(swarmId)
  ).getFileHandle(METADATA_FILE, {
    create: true,
  })
  const writable = await handle.createWritable()
  await writable.write(encoded as Uint8Array<ArrayBuffer>)
  await writable.close()
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
    entries.push({ swarmId, metadata, storedPieces })
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
