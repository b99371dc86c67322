import { useId, useState } from 'react'
import type { ChangeEvent, DragEvent } from 'react'

import { droppedFiles } from './dropped-files.ts'
import type { PickedFile } from './pick-files.ts'
import { pickedFromList } from './pick-files.ts'
import { useT } from '../../use-t.ts'

/** Props of DropZone. */
export interface DropZoneProps {
  readonly onFiles: (files: PickedFile[]) => void
  /** Why the last file was refused, if it was. */
  readonly error: string | null
}

/**
 * Accepts files or folders by drag and drop, or through keyboard-reachable file and folder
 * pickers (SPEC MD-7).
 */
export function DropZone({ onFiles, error }: DropZoneProps) {
  const t = useT()
  const inputId = useId()
  const folderInputId = useId()
  const errorId = useId()
  const [dragging, setDragging] = useState(false)

  const take = (files: PickedFile[]): void => {
    if (files.length > 0) {
      onFiles(files)
    }
  }
  const dragOver = (event: DragEvent<HTMLDivElement>): void => {
    event.preventDefault()
    event.dataTransfer.dropEffect = 'copy'
    setDragging(true)
  }
  const drop = (event: DragEvent<HTMLDivElement>): void => {
    event.preventDefault()
    setDragging(false)
    const files = droppedFiles(event.dataTransfer)
    if (Array.isArray(files)) {
      take(files)
    } else {
      void files.then(take)
    }
  }
  const change = (event: ChangeEvent<HTMLInputElement>): void => {
    take(pickedFromList(event.target.files ?? []))
    // Cleared so that choosing the same file again still fires a change.
    event.target.value = ''
  }

  return (
    <section className="card" aria-labelledby="share-title">
      <h1 id="share-title">{t('share.title')}</h1>
      <div
        className={dragging ? 'drop-zone dragging' : 'drop-zone'}
        data-testid="drop-zone"
        onDragEnter={dragOver}
        onDragOver={dragOver}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
      >
        <p className="drop-hint">{t('share.dropHint')}</p>
        <p className="muted">{t('share.or')}</p>
        <input
          id={inputId}
          className="visually-hidden"
          type="file"
          multiple
          data-testid="file-input"
          aria-describedby={error === null ? undefined : errorId}
          onChange={change}
        />
        <label htmlFor={inputId} className="button primary file-label">
          {t('share.chooseFiles')}
        </label>{' '}
        <input
          id={folderInputId}
          className="visually-hidden"
          type="file"
          data-testid="folder-input"
          // React has no prop for it; Chromium, Firefox and Safari all support the attribute.
          ref={(input) => {
            if (input !== null) {
              input.webkitdirectory = true
            }
          }}
          aria-describedby={error === null ? undefined : errorId}
          onChange={change}
        />
        <label htmlFor={folderInputId} className="button file-label">
          {t('share.chooseFolder')}
        </label>
        <p className="muted small">{t('share.direct')}</p>
      </div>
      {error === null ? null : (
        <p id={errorId} className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  )
}
