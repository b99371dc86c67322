import type { SwarmId } from '@swarmdrop/protocol'
import { pieceCount } from '@swarmdrop/protocol'
import type { LibraryEntry } from '@swarmdrop/storage'
import { hasOpfs, listLibrary } from '@swarmdrop/storage'
import { useEffect, useMemo, useState } from 'react'

import { useCommands, useSwarmStore } from '../../app-context.ts'
import { selectGoneElsewhere, selectRemoved, selectSharingKey } from '../../store/selectors.ts'
import type { SharingRow } from '../../store/selectors.ts'
import { useT } from '../../use-t.ts'

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

/**
 * The disk's rows with this tab's live shares on top (SPEC UX-5): a share this tab runs is
 * "sharing", whatever the disk says; entries awaiting undo are left out, and so are the disk's
 * entries another tab removed, whose folders may not be deleted yet (UX-6).
 */
export function mergeRows(
  disk: readonly LibraryRow[],
  sharing: readonly SharingRow[],
  removed: readonly string[],
  goneElsewhere: readonly string[] = [],
): LibraryRow[] {
  const live = new Set(sharing.map((s) => s.swarmId as string))
  const rows: LibraryRow[] = [
    ...sharing.map((s) => ({ ...s, percent: 100, state: 'sharing' as const })),
    ...disk.filter((row) => !live.has(row.swarmId) && !goneElsewhere.includes(row.swarmId)),
  ]
  return rows.filter((row) => !removed.includes(row.swarmId))
}

/** The home page's library: this tab's shares and this browser's swarms from OPFS. */
export function Library() {
  const commands = useCommands()
  const t = useT()
  const sharingKey = useSwarmStore(selectSharingKey)
  const sharing = useMemo(() => JSON.parse(sharingKey) as SharingRow[], [sharingKey])
  const removed = useSwarmStore(selectRemoved)
  const goneElsewhere = useSwarmStore(selectGoneElsewhere)
  const [disk, setDisk] = useState<readonly LibraryRow[]>([])

  // Listed again when a removal completes (its entry leaves `removed`) or another tab's starts.
  useEffect(() => {
    if (hasOpfs()) {
      // An unreadable library lists nothing; the page works without it.
      listLibrary()
        .then((entries) => setDisk(entries.flatMap((entry) => libraryRow(entry) ?? [])))
        .catch(() => {})
    }
  }, [removed, goneElsewhere])

  const rows = useMemo(
    () =>
      mergeRows(
        disk,
        sharing,
        removed.map((r) => r.swarmId),
        goneElsewhere,
      ),
    [disk, sharing, removed, goneElsewhere],
  )

  return (
    <>
      <LibraryList
        rows={rows}
        t={t}
        onRemove={(swarmId, name) => commands.remove(swarmId as SwarmId, name)}
        onShow={(swarmId) => commands.view(swarmId as SwarmId)}
      />
      {removed.length === 0 ? null : (
        <div className="card undo-bar" role="status" data-testid="undo-bar">
          {removed.map((entry) => (
            <p key={entry.swarmId}>
              {t('library.removed', { name: entry.name })}{' '}
              <button
                type="button"
                className="button"
                data-testid="undo-remove"
                aria-label={t('library.undoNamed', { name: entry.name })}
                onClick={() => commands.undoRemove(entry.swarmId)}
              >
                {t('library.undo')}
              </button>
            </p>
          ))}
        </div>
      )}
    </>
  )
}
