import { useId, useState } from 'react'
import type { ChangeEvent, DragEvent } from 'react'

/** Props of DropZone. */
export interface DropZoneProps {
  readonly onFile: (file: File) => void
  /** Why the last file was refused, if it was. */
  readonly error: string | null
}

/** Accepts one file by drag and drop, or through a keyboard-reachable file picker. */
export function DropZone({ onFile, error }: DropZoneProps) {
  const inputId = useId()
  const errorId = useId()
  const [dragging, setDragging] = useState(false)

  const take = (files: FileList | null): void => {
    const file = files?.[0]
    if (file !== undefined) {
      onFile(file)
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
    take(event.dataTransfer.files)
  }
  const change = (event: ChangeEvent<HTMLInputElement>): void => {
    take(event.target.files)
    // Cleared so that choosing the same file again still fires a change.
    event.target.value = ''
  }

  return (
    <section className="card" aria-labelledby="share-title">
      <h1 id="share-title">Share a file</h1>
      <div
        className={dragging ? 'drop-zone dragging' : 'drop-zone'}
        data-testid="drop-zone"
        onDragEnter={dragOver}
        onDragOver={dragOver}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
      >
        <p className="drop-hint">Drop a file here</p>
        <p className="muted">or</p>
        <input
          id={inputId}
          className="visually-hidden"
          type="file"
          data-testid="file-input"
          aria-describedby={error === null ? undefined : errorId}
          onChange={change}
        />
        <label htmlFor={inputId} className="button primary file-label">
          Choose a file
        </label>
        <p className="muted small">
          The file goes straight from your browser to the people you send the link to.
        </p>
      </div>
      {error === null ? null : (
        <p id={errorId} className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  )
}
