import type { SwarmId } from '@swarmdrop/protocol'
import { pieceCount } from '@swarmdrop/protocol'
import type { LibraryEntry } from '@swarmdrop/storage'
import { hasOpfs, listLibrary, removeFromLibrary } from '@swarmdrop/storage'
import { useCallback, useEffect, useState } from 'react'

import { useEngineHost, useSwarmStoreApi } from '../../app-context.ts'

import type { LibraryRow } from './LibraryList.tsx'
import { LibraryList } from './LibraryList.tsx'

/** A library entry as a row; entries without readable metadata are left out. */
export function libraryRow(entry: LibraryEntry): LibraryRow | null {
  const { metadata } = entry
  if (metadata === null) {
    return null
  }
  const count = pieceCount(metadata)
  const percent =
    entry.seeding || count === 0 ? 100 : Math.floor((entry.storedPieces / count) * 100)
  const state = entry.seeding ? 'seeding' : entry.storedPieces >= count ? 'done' : 'downloading'
  return { swarmId: entry.swarmId, name: metadata.name, size: metadata.size, percent, state }
}

/** The home page's library: this browser's swarms from OPFS; Remove deletes a swarm's data. */
export function Library() {
  const host = useEngineHost()
  const store = useSwarmStoreApi()
  const [rows, setRows] = useState<readonly LibraryRow[]>([])
  const [error, setError] = useState<string | null>(null)

  const refresh = useCallback(
    () =>
      listLibrary().then((entries) => setRows(entries.flatMap((entry) => libraryRow(entry) ?? []))),
    [],
  )

  useEffect(() => {
    if (hasOpfs()) {
      // An unreadable library lists nothing; the page works without it.
      listLibrary()
        .then((entries) => setRows(entries.flatMap((entry) => libraryRow(entry) ?? [])))
        .catch(() => {})
    }
  }, [])

  const remove = (swarmId: string): void => {
    setError(null)
    // Only a swarm this tab takes part in is in the engine; asking for the engine otherwise
    // would contact the tracker for nothing (SPEC MD-5).
    const removeFromEngine = async (): Promise<void> => {
      if (store.getState().swarms[swarmId as SwarmId] !== undefined) {
        await host.services().engine.remove(swarmId as SwarmId)
      }
    }
    removeFromEngine()
      .then(() => removeFromLibrary(swarmId))
      .then(refresh)
      .catch((cause: unknown) =>
        setError(`Could not remove it: ${cause instanceof Error ? cause.message : String(cause)}`),
      )
  }

  return (
    <>
      <LibraryList rows={rows} onRemove={remove} />
      {error === null ? null : (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </>
  )
}
