import { useEffect, useRef, useState } from 'react'

import { useCommands } from '../../app-context.ts'
import { useT } from '../../use-t.ts'

import { droppedFiles } from './dropped-files.ts'
import type { PickedFile } from './pick-files.ts'
import { pickedFromList } from './pick-files.ts'

/** Props of WindowDrop. */
export interface WindowDropProps {
  /** Whether this tab already shares something: the overlay says the drop adds a share. */
  readonly sharing: boolean
}

const carriesFiles = (event: DragEvent): boolean =>
  Array.from(event.dataTransfer?.types ?? []).includes('Files')

/** An element where a paste means text, not a file to share. */
const isTextField = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement)

/**
 * The whole window accepts drops, on every view, with an overlay; a drop or a pasted file
 * (Ctrl+V) is shared alongside anything already shared (SPEC UX-2). Never lets the browser open
 * a dropped file in the tab, which would end every share.
 */
export function WindowDrop({ sharing }: WindowDropProps) {
  const commands = useCommands()
  const t = useT()
  const [dragging, setDragging] = useState(false)
  // dragenter/dragleave fire for every child crossed: count them to know when the drag left.
  const depth = useRef(0)

  useEffect(() => {
    const share = (files: PickedFile[]): void => {
      if (files.length === 0) {
        return
      }
      if (window.location.hash !== '' && window.location.hash !== '#') {
        // A share's view lives on the home page; a download here goes on in the background.
        window.location.hash = ''
      }
      void commands.share(files)
    }
    const enter = (event: DragEvent): void => {
      if (carriesFiles(event)) {
        event.preventDefault()
        depth.current += 1
        setDragging(true)
      }
    }
    const over = (event: DragEvent): void => {
      if (carriesFiles(event)) {
        event.preventDefault()
        if (event.dataTransfer !== null) {
          event.dataTransfer.dropEffect = 'copy'
        }
      }
    }
    const leave = (): void => {
      depth.current = Math.max(0, depth.current - 1)
      if (depth.current === 0) {
        setDragging(false)
      }
    }
    const drop = (event: DragEvent): void => {
      depth.current = 0
      setDragging(false)
      // The home page's drop zone took it already (it prevents the default).
      if (event.defaultPrevented || event.dataTransfer === null) {
        event.preventDefault()
        return
      }
      event.preventDefault()
      const files = droppedFiles(event.dataTransfer)
      if (Array.isArray(files)) {
        share(files)
      } else {
        void files.then(share)
      }
    }
    const paste = (event: ClipboardEvent): void => {
      const files = event.clipboardData?.files
      if (isTextField(event.target) || files === undefined || files.length === 0) {
        return
      }
      event.preventDefault()
      share(pickedFromList(files))
    }
    window.addEventListener('dragenter', enter)
    window.addEventListener('dragover', over)
    window.addEventListener('dragleave', leave)
    window.addEventListener('drop', drop)
    window.addEventListener('paste', paste)
    return () => {
      window.removeEventListener('dragenter', enter)
      window.removeEventListener('dragover', over)
      window.removeEventListener('dragleave', leave)
      window.removeEventListener('drop', drop)
      window.removeEventListener('paste', paste)
    }
  }, [commands])

  if (!dragging) {
    return null
  }
  return (
    <div className="window-drop" data-testid="window-drop" aria-hidden="true">
      <p className="drop-hint">
        {sharing ? t('share.dropOverlayAlongside') : t('share.dropOverlay')}
      </p>
      <p>{t('share.dropOverlayHint')}</p>
    </div>
  )
}
