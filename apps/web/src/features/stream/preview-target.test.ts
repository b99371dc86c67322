import { describe, expect, it } from 'vitest'

import type { FileInfo } from '../../store/swarm-store.ts'

import { previewTarget } from './MediaPreview.tsx'
import { mediaKindOf, mimeTypeOfName } from './media-kind.ts'

const folder = (paths: readonly [string, number][]): FileInfo => ({
  name: 'holiday',
  size: paths.reduce((sum, [, size]) => sum + size, 0),
  mimeType: '',
  pieceCount: 8,
  files: paths.map(([path, size]) => ({ path, size })),
})

describe('what the download page plays or previews (SPEC ST-9)', () => {
  it('[ST-9] a single file by its MIME type; a type it cannot show gets nothing', () => {
    const base = { name: 'clip.webm', size: 10, pieceCount: 1 }
    expect(previewTarget({ ...base, mimeType: 'video/webm; codecs="vp8"' })).toEqual({
      fileIndex: 0,
      name: 'clip.webm',
      size: 10,
      kind: 'video',
    })
    expect(previewTarget({ ...base, mimeType: 'application/zip' })).toBeNull()
  })

  it('[ST-9] in a folder swarm the first file it can show, by extension, skipping empty ones', () => {
    const target = previewTarget(
      folder([
        ['holiday/notes.bin', 100],
        ['holiday/empty.webm', 0],
        ['holiday/day 1/Beach.MP4', 5_000],
        ['holiday/song.mp3', 900],
      ]),
    )
    expect(target).toEqual({ fileIndex: 2, name: 'Beach.MP4', size: 5_000, kind: 'video' })
    expect(previewTarget(folder([['holiday/a.bin', 1]]))).toBeNull()
  })

  it('[ST-9] audio, images, PDFs and text each have their kind; unknown names have no type', () => {
    expect(mediaKindOf(mimeTypeOfName('a.opus'))).toBe('audio')
    expect(mediaKindOf(mimeTypeOfName('a.svg'))).toBe('image')
    expect(mediaKindOf(mimeTypeOfName('a.pdf'))).toBe('pdf')
    expect(mediaKindOf(mimeTypeOfName('data.json'))).toBe('text')
    expect(mimeTypeOfName('README')).toBe('')
    expect(mediaKindOf('')).toBeNull()
  })
})
