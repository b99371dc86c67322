import type { FileEntry } from '@swarmdrop/protocol'
import { MAX_FILE_COUNT } from '@swarmdrop/protocol'

import type { Translate } from '../../store/status-line.ts'
import { translateEn } from '../../store/ux-messages.en.ts'

/** A file picked for sharing with its path as chosen or dropped ('sub/b.bin' → ['sub', 'b.bin']). */
export interface PickedFile {
  readonly file: File
  readonly path: readonly string[]
}

/** What one share is made of: a single file, or a folder or several files (SPEC MD-7). */
export interface ShareSelection {
  readonly name: string
  readonly size: number
  readonly mimeType: string
  /** Present for a folder or several files, in `blobs` order. */
  readonly files?: readonly FileEntry[]
  /** The Files end to end, as the seeder reads them. */
  readonly blobs: readonly File[]
}

/** The refusals in English (the catalogues have every language; refusalOf takes a translator). */
export const EMPTY_FILE_MESSAGE = translateEn('share.empty')
export const EMPTY_FILES_MESSAGE = translateEn('share.emptyAll')
export const TOO_MANY_FILES_MESSAGE = translateEn('share.tooMany', {
  max: MAX_FILE_COUNT.toLocaleString('en'),
})

/**
 * Files from an `<input type="file">`: a folder picker (`webkitdirectory`) gives each file its
 * path below the chosen folder in `webkitRelativePath`; a plain picker gives bare names.
 */
export function pickedFromList(files: ArrayLike<File>): PickedFile[] {
  return Array.from(files, (file) => ({
    file,
    path: (file.webkitRelativePath || file.name).split('/').filter((s) => s !== ''),
  }))
}

const joined = (picked: PickedFile): string => picked.path.join('/')

/**
 * One file stays a single-file share (its swarm id as before multi-file support). Several files,
 * or a folder, become a file list sorted by path: under the folder's name when they all sit in
 * one folder, else under "N files".
 */
export function selectionOf(picked: readonly PickedFile[]): ShareSelection {
  const only = picked[0]
  if (picked.length === 1 && only !== undefined && only.path.length === 1) {
    const { file } = only
    return { name: file.name, size: file.size, mimeType: file.type, blobs: [file] }
  }
  // Code-unit order, not locale order: the same folder gives the same list (and swarm id) anywhere.
  const sorted = [...picked].sort((a, b) =>
    joined(a) < joined(b) ? -1 : joined(a) > joined(b) ? 1 : 0,
  )
  const root = sorted[0]?.path[0]
  const oneFolder =
    root !== undefined && sorted.every((p) => p.path.length > 1 && p.path[0] === root)
  const files = sorted.map((p) => ({
    path: oneFolder ? p.path.slice(1) : p.path,
    length: p.file.size,
  }))
  return {
    name: oneFolder ? root : `${sorted.length} files`,
    size: files.reduce((total, f) => total + f.length, 0),
    mimeType: '',
    files,
    blobs: sorted.map((p) => p.file),
  }
}

/**
 * Why `selection` cannot be shared, in the page's language, or null when it can. Checked before
 * anything is contacted.
 */
export function refusalOf(selection: ShareSelection, t: Translate = translateEn): string | null {
  if ((selection.files?.length ?? 1) > MAX_FILE_COUNT) {
    return t('share.tooMany', { max: MAX_FILE_COUNT.toLocaleString('en') })
  }
  if (selection.size === 0) {
    return selection.files === undefined ? t('share.empty') : t('share.emptyAll')
  }
  return null
}
