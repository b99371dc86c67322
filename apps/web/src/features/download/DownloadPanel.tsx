import type { ReactNode } from 'react'

import { FileList } from '../../components/FileList.tsx'
import { formatBytes, formatRate } from '../../components/format.ts'
import { ProgressBar } from '../../components/ProgressBar.tsx'
import { neighbourCount, progressPercent } from '../../store/selectors.ts'
import { downloadStatusParts, statusText } from '../../store/status-line.ts'
import type { Translate } from '../../store/status-line.ts'
import type { FileInfo, SwarmView, TrackerStatusView } from '../../store/swarm-store.ts'
import { translateEn } from '../../store/ux-messages.en.ts'

/** Props of DownloadPanel. */
export interface DownloadPanelProps {
  readonly swarm: SwarmView | undefined
  readonly tracker: TrackerStatusView
  /** Whether the tracker offers a relay: decides how the status explains a failed connection. */
  readonly relayAvailable?: boolean
  readonly saving: boolean
  readonly saveError: string | null
  /** Why the download stopped for good (no room, a disk write failed); null while it runs. */
  readonly stopped?: string | null
  /** The file the page last showed: named still once a stopped swarm has left the tab. */
  readonly lastFile?: FileInfo | null
  /** Saves the file, or for a folder or several files all of them as one zip. */
  readonly onSave: () => void
  /** Saves one file of a folder or several files. */
  readonly onSaveFile?: (index: number) => void
  /** Settings shown after Save (the upload cap); none in tests of the panel alone. */
  readonly settings?: ReactNode
  /** Offers "tell me when it is done" (SPEC UX-8); none in tests of the panel alone. */
  readonly notify?: ReactNode
  readonly t?: Translate
}

/** The download view's summary: file, status, progress, rates, Save, settings; props only. */
export function DownloadPanel({
  swarm,
  tracker,
  relayAvailable = false,
  saving,
  saveError,
  stopped = null,
  lastFile = null,
  onSave,
  onSaveFile,
  settings,
  notify,
  t = translateEn,
}: DownloadPanelProps) {
  // Stopped for good and gone from the engine: the page says so rather than "looking" again.
  const left = swarm === undefined && stopped !== null
  const file = swarm?.file ?? (left ? lastFile : null)
  const complete = swarm?.complete === true && file !== null
  const files = file?.files
  return (
    <section className="card" aria-labelledby="download-title">
      <h1 id="download-title" className="file-name" tabIndex={-1}>
        {file === null ? t('download.joining') : file.name}
      </h1>
      <p className="muted num">
        {file === null ? t('download.detailsFromSender') : formatBytes(file.size)}
      </p>
      <p className="status" data-testid="status" role="status">
        {left
          ? t('status.download.stopped')
          : statusText(downloadStatusParts(swarm, tracker, relayAvailable), t)}
      </p>
      <ProgressBar
        percent={progressPercent(swarm)}
        label={t('download.progress')}
        testId="progress"
      />
      {stopped === null ? null : (
        <p className="error" role="alert" data-testid="download-error">
          {stopped}
        </p>
      )}
      <dl className="facts">
        <div>
          <dt>{t('download.downloadSpeed')}</dt>
          <dd className="num">{formatRate(swarm?.downBps ?? 0)}</dd>
        </div>
        <div>
          <dt>{t('download.uploadSpeed')}</dt>
          <dd className="num">{formatRate(swarm?.upBps ?? 0)}</dd>
        </div>
        <div>
          <dt>{t('download.connected')}</dt>
          <dd className="num">{neighbourCount(swarm)}</dd>
        </div>
        <div>
          <dt>{t('download.received')}</dt>
          <dd className="num">{formatBytes(swarm?.downloadedBytes ?? 0)}</dd>
        </div>
      </dl>
      {complete ? null : notify}
      {files === undefined ? null : (
        <FileList
          files={files}
          disabled={saving}
          {...(complete && onSaveFile !== undefined ? { onSave: onSaveFile } : {})}
        />
      )}
      {complete ? (
        <p>
          <button
            type="button"
            className="button primary"
            data-testid="save-button"
            onClick={onSave}
            disabled={saving}
          >
            {saving
              ? t('download.preparing')
              : files === undefined
                ? t('download.save', { name: file.name })
                : t('download.saveZip', { name: file.name })}
          </button>
        </p>
      ) : null}
      {saveError === null ? null : (
        <p className="error" role="alert">
          {saveError}
        </p>
      )}
      {/* After Save in the tab order: the finished download's one action comes first (UX-9). */}
      {settings}
    </section>
  )
}
