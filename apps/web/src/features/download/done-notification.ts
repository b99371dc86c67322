import type { Translate } from '../../store/status-line.ts'
import type { SwarmView } from '../../store/swarm-store.ts'

/** Where the browser stands on notifications; `granted-before`: allowed before this page. */
export type NotificationStand = 'unsupported' | 'default' | 'denied' | 'granted' | 'granted-before'

/** The browser's notification permission as this page found it. */
export function notificationPermission(): NotificationStand {
  if (typeof Notification !== 'function') {
    return 'unsupported'
  }
  return Notification.permission === 'granted' ? 'granted-before' : Notification.permission
}

/**
 * Swarms that finished downloading between two states of the store: `complete` turned true on
 * a swarm this tab did not seed from the start (SPEC UX-8).
 */
export function newlyDone(
  before: Readonly<Record<string, SwarmView>>,
  after: Readonly<Record<string, SwarmView>>,
): SwarmView[] {
  return Object.values(after).filter(
    (swarm) => swarm.complete && !swarm.seeding && before[swarm.swarmId]?.complete === false,
  )
}

/**
 * Shows "Download complete" for a swarm when the page is in the background and the browser
 * allows it; a page in front shows it in its status line already.
 */
export function notifyDone(swarm: SwarmView, t: Translate, doc: Document = document): void {
  if (typeof Notification !== 'function' || Notification.permission !== 'granted') {
    return
  }
  if (doc.visibilityState === 'visible' && doc.hasFocus()) {
    return
  }
  const name = swarm.file?.name ?? ''
  try {
    new Notification(t('app.notificationTitle'), {
      body: t('app.notificationBody', { name }),
      tag: `swarmdrop-done-${swarm.swarmId}`,
    })
  } catch {
    // Android Chrome allows notifications only from a service worker; the title still says it.
  }
}
