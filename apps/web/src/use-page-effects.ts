import { useEffect, useRef } from 'react'

import { useSwarmStoreApi } from './app-context.ts'
import { newlyDone, notifyDone } from './features/download/done-notification.ts'
import { pageTitle, shouldWarnOnUnload, viewKey } from './page-title.ts'
import type { Route } from './routes.ts'
import type { Translate } from './store/status-line.ts'

/**
 * What the page does around its views (SPEC UX-3, UX-8, UX-9): the tab title follows progress,
 * a finished download in a background tab notifies, closing warns while someone would be cut
 * off, and focus moves to the new view's heading when the view changes.
 * Reads the store through subscribe: none of it is rendered, so no render is spent on it.
 */
export function usePageEffects(route: Route, t: Translate): void {
  const store = useSwarmStoreApi()
  const lastView = useRef<string | null>(null)

  useEffect(() => {
    const apply = (): void => {
      const state = store.getState()
      const title = pageTitle(state, route, t)
      if (document.title !== title) {
        document.title = title
      }
      const key = viewKey(state, route)
      if (lastView.current !== null && lastView.current !== key) {
        // After React has painted the new view.
        queueMicrotask(focusHeading)
      }
      lastView.current = key
    }
    apply()
    return store.subscribe(apply)
  }, [store, route, t])

  useEffect(
    () =>
      store.subscribe((state, previous) => {
        for (const swarm of newlyDone(previous.swarms, state.swarms)) {
          notifyDone(swarm, t)
        }
      }),
    [store, t],
  )

  useEffect(() => {
    const warn = (event: BeforeUnloadEvent): void => {
      if (shouldWarnOnUnload(store.getState())) {
        // The browser shows its own words; preventDefault is the standard way to ask for them.
        event.preventDefault()
        event.returnValue = ''
      }
    }
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [store])
}

/** Focuses the main view's heading, or the main region when it has none. */
function focusHeading(): void {
  const main = document.getElementById('main')
  const heading = main?.querySelector('h1') ?? null
  const target = heading ?? main
  if (target === null) {
    return
  }
  if (!target.hasAttribute('tabindex')) {
    target.setAttribute('tabindex', '-1')
  }
  target.focus()
}
