import { useMemo, useSyncExternalStore } from 'react'

import { useSwarmStore } from './app-context.ts'
import { BadLinkPage } from './components/BadLinkPage.tsx'
import { LanguageSwitch } from './components/LanguageSwitch.tsx'
import { ServerUnreachableNotice } from './components/ServerUnreachableNotice.tsx'
import { DownloadPage } from './features/download/DownloadPage.tsx'
import { HomePage } from './features/share/HomePage.tsx'
import { WindowDrop } from './features/share/WindowDrop.tsx'
import { routeOf } from './routes.ts'
import { selectSharingKey } from './store/selectors.ts'
import { usePageEffects } from './use-page-effects.ts'
import { useT } from './use-t.ts'

const subscribeToHash = (onChange: () => void): (() => void) => {
  window.addEventListener('hashchange', onChange)
  return () => window.removeEventListener('hashchange', onChange)
}
const readHash = (): string => window.location.hash

/** The whole app: a tiny hash router over the home, download and bad-link pages. */
export function App() {
  const t = useT()
  const hash = useSyncExternalStore(subscribeToHash, readHash)
  const route = useMemo(() => routeOf(hash), [hash])
  // A string, not the swarms: the whole app must not re-render on every stats snapshot.
  const sharing = useSwarmStore(selectSharingKey) !== '[]'
  usePageEffects(route, t)
  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={skipToMain}>
        {t('app.skipToMain')}
      </a>
      <header className="app-header">
        <a className="brand" href="#">
          {t('app.brand')}
        </a>
        <span className="tagline">{t('app.tagline')}</span>
        <LanguageSwitch />
      </header>
      <main className="app-main" id="main" tabIndex={-1}>
        <ServerUnreachableNotice />
        {route.kind === 'home' ? <HomePage /> : null}
        {route.kind === 'download' ? (
          <DownloadPage
            key={route.swarmId}
            swarmId={route.swarmId}
            passwordRequired={route.passwordRequired}
          />
        ) : null}
        {route.kind === 'bad-link' ? <BadLinkPage reason={route.reason} old={route.old} /> : null}
      </main>
      <WindowDrop sharing={sharing} />
    </div>
  )
}

/** "#main" is a hash route here: move focus without touching the address bar. */
function skipToMain(event: { preventDefault(): void }): void {
  event.preventDefault()
  document.getElementById('main')?.focus()
}
