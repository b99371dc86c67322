import type { SwarmId } from '@swarmdrop/protocol'
import { shareFragmentOf } from '@swarmdrop/protocol'

import { formatBytes } from '../../components/format.ts'
import { ProgressBar } from '../../components/ProgressBar.tsx'
import type { Translate } from '../../store/status-line.ts'
import { translateEn } from '../../store/ux-messages.en.ts'

/**
 * A library entry's link (SPEC PL-1). The library does not remember passwords, so a guarded
 * swarm's entry opens a `#2.` link and the download page asks once the sender refuses it.
 */
const libraryLink = (swarmId: string): string =>
  shareFragmentOf({ swarmId: swarmId as SwarmId, passwordRequired: false })

/** One swarm of this browser's library, as the home page lists it. */
export interface LibraryRow {
  readonly swarmId: string
  readonly name: string
  readonly size: number
  /** 0–100: pieces on disk (a seeded file counts as whole: it is read from the user's file). */
  readonly percent: number
  /** `sharing`: this tab seeds it now (SPEC UX-5); the others are what the disk holds. */
  readonly state: 'sharing' | 'seeding' | 'downloading' | 'done'
}

/** Props of LibraryList. */
export interface LibraryListProps {
  readonly rows: readonly LibraryRow[]
  readonly onRemove: (swarmId: string, name: string) => void
  /** Shows the seeding view of a share this tab runs. */
  readonly onShow?: (swarmId: string) => void
  readonly t?: Translate
}

/** This browser's swarms with their progress, each with a link (or Show) and a Remove button. */
export function LibraryList({ rows, onRemove, onShow, t = translateEn }: LibraryListProps) {
  if (rows.length === 0) {
    return null
  }
  return (
    <section className="card" aria-labelledby="library-title" data-testid="library">
      <h2 id="library-title">{t('library.title')}</h2>
      <ul className="library">
        {rows.map((row) => (
          <li
            key={row.swarmId}
            data-testid="library-row"
            data-swarm-id={row.swarmId}
            data-state={row.state}
            data-percent={row.percent}
          >
            {row.state === 'sharing' && onShow !== undefined ? (
              <button
                type="button"
                className="link-button file-name"
                data-testid="library-show"
                onClick={() => onShow(row.swarmId)}
              >
                {row.name}
              </button>
            ) : (
              <a href={libraryLink(row.swarmId)} className="file-name">
                {row.name}
              </a>
            )}{' '}
            <span className="muted num">{formatBytes(row.size)}</span>
            <p className="muted">{t(`library.state.${row.state}`)}</p>
            <ProgressBar percent={row.percent} label={t('library.onDisk', { name: row.name })} />
            <button
              type="button"
              className="button"
              data-testid="library-remove"
              // Several rows each have one: the name tells them apart (SPEC UX-9).
              aria-label={t('library.removeNamed', { name: row.name })}
              onClick={() => onRemove(row.swarmId, row.name)}
            >
              {t('library.remove')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
