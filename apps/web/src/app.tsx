import { useMemo, useSyncExternalStore } from 'react'

import { BadLinkPage } from './components/BadLinkPage.tsx'
import { DownloadPage } from './features/download/DownloadPage.tsx'
import { HomePage } from './features/share/HomePage.tsx'
import { routeOf } from './routes.ts'

const subscribeToHash = (onChange: () => void): (() => void) => {
  window.addEventListener('hashchange', onChange)
  return () => window.removeEventListener('hashchange', onChange)
}
const readHash = (): string => window.location.hash

/** The whole app: a tiny hash router over the home, download and bad-link pages. */
export function App() {
  const hash = useSyncExternalStore(subscribeToHash, readHash)
  const route = useMemo(() => routeOf(hash), [hash])
  return (
    <div className="app">
      <header className="app-header">
        <a className="brand" href="#">
          Swarmdrop
        </a>
        <span className="tagline">Browser-to-browser file sharing, BitTorrent-style</span>
      </header>
      <main className="app-main">
        {route.kind === 'home' ? <HomePage /> : null}
        {route.kind === 'download' ? (
          <DownloadPage
            key={route.swarmId}
            swarmId={route.swarmId}
            passwordRequired={route.passwordRequired}
          />
        ) : null}
        {route.kind === 'bad-link' ? <BadLinkPage reason={route.reason} /> : null}
      </main>
    </div>
  )
}
