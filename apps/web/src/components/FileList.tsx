import { memo } from 'react'

import type { FileRow } from '../store/swarm-store.ts'

import { formatBytes } from './format.ts'

/** Props of FileList. */
export interface FileListProps {
  readonly files: readonly FileRow[]
  /** Offers a Save button per file when given (the download page once complete). */
  readonly onSave?: (index: number) => void
  readonly disabled?: boolean
}

/** The files of a folder or several files (SPEC MD-7): path and size, optionally Save each. */
export const FileList = memo(function FileList({ files, onSave, disabled = false }: FileListProps) {
  return (
    <table className="file-list">
      <caption className="label">
        {files.length === 1 ? '1 file' : `${files.length.toLocaleString('en')} files`}
      </caption>
      <thead className="visually-hidden">
        <tr>
          <th scope="col">Path</th>
          <th scope="col">Size</th>
          {onSave === undefined ? null : <th scope="col">Save</th>}
        </tr>
      </thead>
      <tbody>
        {files.map((file, index) => (
          <tr key={file.path} data-testid="file-row" data-path={file.path} data-size={file.size}>
            <td className="file-path">{file.path}</td>
            <td className="num muted">{formatBytes(file.size)}</td>
            {onSave === undefined ? null : (
              <td>
                <button
                  type="button"
                  className="button small"
                  data-testid="save-file-button"
                  aria-label={`Save ${file.path}`}
                  disabled={disabled}
                  onClick={() => onSave(index)}
                >
                  Save
                </button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  )
})
