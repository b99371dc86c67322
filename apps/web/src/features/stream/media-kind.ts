/** What the download page can show of a file while or after it downloads (SPEC ST-9). */
export type MediaKind = 'video' | 'audio' | 'image' | 'pdf' | 'text'

/** MIME types by extension, for the files of a folder swarm (whose metadata holds none). */
const BY_EXTENSION: Readonly<Record<string, string>> = {
  webm: 'video/webm',
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  mov: 'video/quicktime',
  ogv: 'video/ogg',
  mkv: 'video/x-matroska',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  opus: 'audio/ogg',
  wav: 'audio/wav',
  flac: 'audio/flac',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
  pdf: 'application/pdf',
  txt: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  json: 'application/json',
}

/** A file's MIME type from its name ('' when the extension is unknown). */
export function mimeTypeOfName(name: string): string {
  const dot = name.lastIndexOf('.')
  return dot < 0 ? '' : (BY_EXTENSION[name.slice(dot + 1).toLowerCase()] ?? '')
}

/** SPEC ST-9: how a MIME type is shown: played, previewed, or not at all (null). */
export function mediaKindOf(mimeType: string): MediaKind | null {
  const type = mimeType.split(';')[0]?.trim().toLowerCase() ?? ''
  if (type.startsWith('video/')) {
    return 'video'
  }
  if (type.startsWith('audio/')) {
    return 'audio'
  }
  // An SVG can carry script; shown through <img> it cannot run, so it is an image like any other.
  if (type.startsWith('image/')) {
    return 'image'
  }
  if (type === 'application/pdf') {
    return 'pdf'
  }
  if (type.startsWith('text/') || type === 'application/json') {
    return 'text'
  }
  return null
}
