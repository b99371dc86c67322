import { formatBytes } from '../../components/format.ts'
import { ProgressBar } from '../../components/ProgressBar.tsx'

/** One swarm of this browser's library, as the home page lists it. */
export interface LibraryRow {
  readonly swarmId: string
  readonly name: string
  readonly size: number
  /** 0–100: pieces on disk (a seeded file counts as whole: it is read from the user's file). */
  readonly percent: number
  readonly state: 'seeding' | 'downloading' | 'done'
}

/** Props of LibraryList. */
export interface LibraryListProps {
  readonly rows: readonly LibraryRow[]
  readonly onRemove: (swarmId: string) => void
}

const STATE_TEXT: Record<LibraryRow['state'], string> = {
  seeding: 'Seeded from your file: choose it again to share it again',
  downloading: 'Downloading: open it to carry on',
  done: 'Done',
}

/** This browser's swarms with their progress, each with a link and a Remove button. */
export function LibraryList({ rows, onRemove }: LibraryListProps) {
  if (rows.length === 0) {
    return null
  }
  return (
    <section className="card" aria-labelledby="library-title" data-testid="library">
      <h2 id="library-title">In this browser</h2>
      <ul className="library">
        {rows.map((row) => (
          <li
            key={row.swarmId}
            data-testid="library-row"
            data-swarm-id={row.swarmId}
            data-state={row.state}
            data-percent={row.percent}
          >
            <a href={`#${row.swarmId}`} className="file-name">
              {row.name}
            </a>{' '}
            <span className="muted num">{formatBytes(row.size)}</span>
            <p className="muted">{STATE_TEXT[row.state]}</p>
            <ProgressBar percent={row.percent} label={`${row.name} on disk`} />
            <button
              type="button"
              className="button"
              data-testid="library-remove"
              onClick={() => onRemove(row.swarmId)}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
