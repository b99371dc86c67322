import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'

/** How often an unreachable server is asked again; a restart usually takes a few seconds. */
export const SERVER_RETRY_MS = 3_000

/** Whether the server answers: its /healthz, never from a cache (the worker does not serve it). */
export async function probeServer(): Promise<boolean> {
  try {
    return (await fetch('/healthz', { cache: 'no-store' })).ok
  } catch {
    return false
  }
}

/**
 * True when a service worker controls the page: only then can the page have loaded while the
 * server is down (from the saved shell, SPEC PWA-3), and only then is it worth asking.
 */
const controlledByWorker = (): boolean =>
  globalThis.navigator?.serviceWorker?.controller !== undefined &&
  globalThis.navigator.serviceWorker.controller !== null

/** Props of ServerUnreachableNotice. */
export interface ServerUnreachableNoticeProps {
  /** Asks the server; /healthz by default. */
  readonly probe?: () => Promise<boolean>
  /** Whether to ask at all; by default, when a service worker controls the page. */
  readonly enabled?: boolean
}

/**
 * Swarmdrop's own "server unreachable, retrying" (SPEC PWA-3): shown while the server does not
 * answer, asked again every SERVER_RETRY_MS and when the browser says it is back online; gone
 * once the server answers. Links already open keep their peer connections meanwhile.
 */
export function ServerUnreachableNotice({
  probe = probeServer,
  enabled = controlledByWorker(),
}: ServerUnreachableNoticeProps) {
  const { t } = useTranslation()
  const [unreachable, setUnreachable] = useState(false)
  useEffect(() => {
    if (!enabled) {
      return
    }
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const ask = async (): Promise<void> => {
      clearTimeout(timer)
      const ok = await probe()
      if (stopped) {
        return
      }
      setUnreachable(!ok)
      if (!ok) {
        timer = setTimeout(() => void ask(), SERVER_RETRY_MS)
      }
    }
    const onOnline = (): void => void ask()
    void ask()
    window.addEventListener('online', onOnline)
    return () => {
      stopped = true
      clearTimeout(timer)
      window.removeEventListener('online', onOnline)
    }
  }, [enabled, probe])
  if (!unreachable) {
    return null
  }
  return (
    <section className="card notice error" role="status" data-testid="server-unreachable">
      <h2>{t('app.offline.title')}</h2>
      <p>{t('app.offline.body')}</p>
    </section>
  )
}
