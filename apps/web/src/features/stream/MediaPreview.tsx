import { useContext, useEffect, useState } from 'react'

import type { FileInfo } from '../../store/swarm-store.ts'
import { streamPath } from '../../sw/byte-range.ts'
import { useT } from '../../use-t.ts'

import { BitrateContext, averageBitrateBps } from './bitrate-book.ts'
import { PlayIntentContext } from './play-intent.ts'
import type { MediaKind } from './media-kind.ts'
import { mediaKindOf, mimeTypeOfName } from './media-kind.ts'

/** HTMLMediaElement's MediaError.MEDIA_ERR_NETWORK (a constant, so tests without a DOM agree). */
const MEDIA_ERR_NETWORK = 2
/** HTMLMediaElement.HAVE_NOTHING: the element has loaded nothing yet. */
const HAVE_NOTHING = 0

/** Longest text preview: enough to recognise a file, small enough to render at once. */
const TEXT_PREVIEW_BYTES = 64 * 1024

/** The file of a swarm the page plays or previews: the first one it can show. */
export function previewTarget(
  file: FileInfo,
): { fileIndex: number; name: string; size: number; kind: MediaKind } | null {
  if (file.files === undefined) {
    const kind = mediaKindOf(file.mimeType)
    return kind === null ? null : { fileIndex: 0, name: file.name, size: file.size, kind }
  }
  for (const [fileIndex, row] of file.files.entries()) {
    const kind = mediaKindOf(mimeTypeOfName(row.path))
    if (kind !== null && row.size > 0) {
      return { fileIndex, name: row.path.split('/').pop() ?? row.path, size: row.size, kind }
    }
  }
  return null
}

/** Whether this page is controlled by the service worker that serves /stream/ (SPEC ST-1). */
function useWorkerReady(): boolean {
  const container = globalThis.navigator?.serviceWorker
  const [ready, setReady] = useState(() => (container?.controller ?? null) !== null)
  useEffect(() => {
    if (container === undefined || ready) {
      return undefined
    }
    const check = (): void => setReady(container.controller !== null)
    container.addEventListener('controllerchange', check)
    check()
    return () => container.removeEventListener('controllerchange', check)
  }, [container, ready])
  return ready
}

/** Props of MediaPreview. */
export interface MediaPreviewProps {
  readonly swarmId: string
  readonly file: FileInfo
  /** Missing pieces no neighbour holds (the piece map's): why a waiting player waits. */
  readonly unavailable?: number
  /**
   * Why the swarm left this tab for good (removed in another tab, a disk failure), or null:
   * the player is gone with it, and the reason is said where it was.
   */
  readonly stopped?: string | null
}

/** Why the element stopped: its bytes stopped coming, or they are not something it can play. */
type PlayerFailure = 'network' | 'format'

/**
 * SPEC ST-9: plays an audio or video file while it downloads (`data-testid="player"`; preload
 * "none": a downloader who never presses play sets no deadlines and stays purely rarest first),
 * its bytes from the stream route, so it starts once the first pieces it needs are verified and
 * seeks anywhere, and records its bitrate once the duration is known (ST-10); previews an image,
 * a PDF or a text once its bytes are verified, through a quiet read that sets a deadline only for the piece it waits on.
 */
export function MediaPreview({
  swarmId,
  file,
  unavailable = 0,
  stopped = null,
}: MediaPreviewProps) {
  const t = useT()
  const ready = useWorkerReady()
  const bitrates = useContext(BitrateContext)
  const playIntent = useContext(PlayIntentContext)
  const [failed, setFailed] = useState<PlayerFailure | null>(null)
  const [waiting, setWaiting] = useState(false)
  const target = previewTarget(file)
  if (target === null) {
    return null
  }
  const src = streamPath(swarmId, target.fileIndex, target.name)
  const playable = target.kind === 'video' || target.kind === 'audio'
  if (stopped !== null) {
    // Its bytes are no longer this tab's to serve (SPEC ST-3): no element asks for them.
    return playable ? (
      <section className="card" aria-label={t('stream.title', { name: target.name })}>
        <p className="error" role="alert" data-testid="player-error">
          {t('stream.stoppedBecause', { reason: stopped })}
        </p>
      </section>
    ) : null
  }
  if (!ready) {
    return playable ? (
      <p className="muted" data-testid="player-status">
        {t('stream.needsWorker')}
      </p>
    ) : null
  }
  const quietSrc = `${src}?quiet`
  // A read the stream route failed (the swarm left this tab, SPEC ST-3) is a network error; a
  // file the browser cannot decode is any other.
  const fail = (event: { currentTarget: HTMLMediaElement }): void =>
    setFailed(event.currentTarget.error?.code === MEDIA_ERR_NETWORK ? 'network' : 'format')
  const recordBitrate = (event: { currentTarget: HTMLMediaElement }): void => {
    bitrates?.record(
      swarmId,
      target.fileIndex,
      averageBitrateBps(target.size, event.currentTarget.duration),
    )
  }
  const playerEvents = {
    onLoadedMetadata: recordBitrate,
    onError: fail,
    onWaiting: () => setWaiting(true),
    onPlaying: () => setWaiting(false),
    // SPEC ST-5: the first press on play (nothing loaded yet, preload "none") needs byte 0 now.
    onPlay: (event: { currentTarget: HTMLMediaElement }) => {
      const element = event.currentTarget
      if (element.readyState === HAVE_NOTHING && element.currentTime === 0) {
        playIntent?.(swarmId, target.fileIndex)
      }
    },
  }
  return (
    <section className="card" aria-label={t('stream.title', { name: target.name })}>
      {target.kind === 'video' ? (
        <video
          data-testid="player"
          controls
          preload="none"
          src={src}
          style={{ width: '100%' }}
          {...playerEvents}
        />
      ) : target.kind === 'audio' ? (
        <audio data-testid="player" controls preload="none" src={src} {...playerEvents} />
      ) : target.kind === 'image' ? (
        <img data-testid="preview" src={quietSrc} alt={target.name} style={{ maxWidth: '100%' }} />
      ) : target.kind === 'pdf' ? (
        <iframe
          data-testid="preview"
          src={quietSrc}
          title={target.name}
          style={{ width: '100%', height: '60vh' }}
        />
      ) : (
        <TextPreview src={quietSrc} />
      )}
      {failed !== null ? (
        <p className="error" role="alert" data-testid="player-error">
          {t(failed === 'network' ? 'stream.stopped' : 'stream.cannotPlay')}
        </p>
      ) : waiting && unavailable > 0 ? (
        <p className="muted" role="status" data-testid="player-status">
          {t('stream.noSource')}
        </p>
      ) : null}
    </section>
  )
}

/** The first TEXT_PREVIEW_BYTES of a text file, as text (never as HTML). */
function TextPreview({ src }: { readonly src: string }) {
  const [text, setText] = useState<string | null>(null)
  useEffect(() => {
    const controller = new AbortController()
    fetch(src, {
      headers: { range: `bytes=0-${TEXT_PREVIEW_BYTES - 1}` },
      signal: controller.signal,
    })
      .then((response) => response.text())
      .then(setText)
      .catch(() => {
        // Aborted (the page moved on) or the swarm went away: no preview.
      })
    return () => controller.abort()
  }, [src])
  return text === null ? null : (
    <pre data-testid="preview" className="text-preview">
      {text}
    </pre>
  )
}
