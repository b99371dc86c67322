import type { ChunkStore } from '@swarmdrop/engine'
import type { DiskChunkStore } from '@swarmdrop/storage'

/**
 * A swarm's chunk store as the command layer made it, with its kind: Save asks the layer that
 * created the store rather than taking it back out of the engine and guessing what it is.
 */
export type OwnedStore =
  /** Downloaded into this browser's OPFS library. */
  | { readonly kind: 'disk'; readonly store: DiskChunkStore }
  /** Downloaded into memory (no OPFS: jsdom, some private windows). */
  | { readonly kind: 'memory'; readonly store: ChunkStore }
  /** Shared from this tab: read in place from the picked Files, in stream order. */
  | { readonly kind: 'files'; readonly store: ChunkStore; readonly blobs: readonly Blob[] }
