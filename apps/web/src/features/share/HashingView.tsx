import { formatBytes } from '../../components/format.ts'
import { ProgressBar } from '../../components/ProgressBar.tsx'
import { useT } from '../../use-t.ts'

/** Props of HashingView. */
export interface HashingViewProps {
  readonly name: string
  readonly size: number
  readonly hashedBytes: number
}

/** Shown while a dropped file's pieces are hashed. */
export function HashingView({ name, size, hashedBytes }: HashingViewProps) {
  const t = useT()
  const percent = size === 0 ? 0 : Math.floor((hashedBytes / size) * 100)
  return (
    <section className="card" aria-labelledby="hashing-title">
      <h1 id="hashing-title" className="file-name">
        {name}
      </h1>
      <p className="muted num">{formatBytes(size)}</p>
      <p role="status" data-testid="hashing-status">
        {t('share.preparing')}
      </p>
      <ProgressBar percent={percent} label={t('share.preparingLabel')} testId="hashing-progress" />
    </section>
  )
}
