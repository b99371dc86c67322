/**
 * The metadata kept beside a download (SPEC CL-6): `<dir>/.<swarm id>.swarmdrop`, the canonical
 * encoding (MD-1), written before the first piece so a `get` killed at any moment can resume
 * without asking the swarm again, and checked against the swarm id when read back.
 */
import { renameSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'

import type { Hasher, Metadata, SwarmId } from '@swarmdrop/protocol'
import { encodeMetadata, verifyMetadata } from '@swarmdrop/protocol'

/** Where the sidecar of `swarmId` lives in `dir`. */
export function sidecarPath(dir: string, swarmId: SwarmId): string {
  return join(dir, `.${swarmId}.swarmdrop`)
}

/**
 * Writes the sidecar, synchronously on purpose: it is called from the engine's (synchronous)
 * store factory, and must be on disk before any piece is, or a kill right after the first piece
 * would leave verified bytes nobody can re-verify. Atomic (temp file, then rename).
 */
export function writeSidecar(dir: string, swarmId: SwarmId, metadata: Metadata): void {
  const path = sidecarPath(dir, swarmId)
  writeFileSync(`${path}.tmp`, encodeMetadata(metadata))
  renameSync(`${path}.tmp`, path)
}

/** The metadata of an earlier `get` into `dir`, or null when there is none or it does not verify. */
export async function readSidecar(
  dir: string,
  swarmId: SwarmId,
  hasher: Hasher,
): Promise<Metadata | null> {
  let bytes: Uint8Array
  try {
    bytes = await readFile(sidecarPath(dir, swarmId))
  } catch {
    return null
  }
  try {
    return await verifyMetadata(bytes, swarmId, hasher)
  } catch {
    // A damaged sidecar is as good as none: the swarm sends the metadata again.
    return null
  }
}
