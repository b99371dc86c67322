import { memo } from 'react'
import { useTranslation } from 'react-i18next'

import type { FileRow } from '../store/swarm-store.ts'

import { useFormat } from './use-format.ts'

/** Props of FileList. */
export interface FileListProps {
  readonly files: readonly FileRow[]
  /** Offers a Save button per file when given (the download page once complete). */
  readonly onSave?: (index: number) => void
  readonly disabled?: boolean
}

/** The files of a folder or several files (SPEC MD-7): path and size, optionally Save each. */
export const FileList = memo(function FileList({ files, onSave, disabled = false }: FileListProps) {
  const { t } = useTranslation()
  const { bytes, number } = useFormat()
  return (
    <table className="file-list">
      <caption className="label">
        {t('common.files.count', { count: files.length, n: number(files.length) })}
      </caption>
      <thead className="visually-hidden">
        <tr>
          <th scope="col">{t('common.files.path')}</th>
          <th scope="col">{t('common.files.size')}</th>
          {onSave === undefined ? null : <th scope="col">{t('common.files.save')}</th>}
        </tr>
      </thead>
      <tbody>
        {files.map((file, index) => (
          <tr key={file.path} data-testid="file-row" data-path={file.path} data-size={file.size}>
            <td className="file-path">{file.path}</td>
            <td className="num muted">{bytes(file.size)}</td>
            {onSave === undefined ? null : (
              <td>
                <button
                  type="button"
                  className="button small"
                  data-testid="save-file-button"
                  aria-label={t('common.files.saveOne', { path: file.path })}
                  disabled={disabled}
                  onClick={() => onSave(index)}
                >
                  {t('common.files.save')}
                </button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  )
})
