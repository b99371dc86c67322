import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { I18nextProvider } from 'react-i18next'

import { CommandsContext, EngineContext, SwarmStoreContext } from './app-context.ts'
import { App } from './app.tsx'
import { createBrowserLibraryTabs } from './commands/library-tabs.ts'
import { createSwarmCommands } from './commands/swarm-commands.ts'
import { createBrowserEngine } from './engine/create-browser-engine.ts'
import { engineConfigFromQuery, uiBatchingFromQuery } from './engine/engine-config-from-query.ts'
import { createLazyEngineHost } from './engine/engine-host.ts'
import { initialRelayOnly, pageStorage } from './features/settings/relay-only.ts'
import { BitrateContext, createBitrateBook } from './features/stream/bitrate-book.ts'
import { PlayIntentContext, createPlayIntent } from './features/stream/play-intent.ts'
import { streamPolicyFromQuery } from './features/stream/stream-policy.ts'
import { installStreamServer } from './features/stream/stream-server.ts'
import { browserLanguages, initialLanguage } from './i18n/language.ts'
import { createI18n, followLanguage } from './i18n/setup.ts'
import { registerServiceWorker } from './pwa/register-service-worker.ts'
import { takeSharedFiles, withoutSharedQuery } from './pwa/shared-files.ts'
import { immediateScheduler } from './store/bind-engine.ts'
import { INITIAL_SWARM_STATE, createSwarmStore } from './store/swarm-store.ts'
import { installTestHook } from './test-hook.ts'
import './styles.css'

// The query string is read once: it tunes this tab's engine (rechoke, optimistic, slots, stats, up,
// relay).
const search = window.location.search
const store = createSwarmStore({
  ...INITIAL_SWARM_STATE,
  uploadLimitBps: engineConfigFromQuery(search).uploadLimitBps,
  relayOnly: initialRelayOnly(search, pageStorage()),
})
const engineHost = createLazyEngineHost(
  () => createBrowserEngine(search, store),
  store,
  uiBatchingFromQuery(search) ? undefined : immediateScheduler,
)
installTestHook(store)
// SPEC LANG-1…3: the switch's remembered choice, else the browser's language; <html lang> follows.
const i18n = createI18n(initialLanguage(pageStorage(), browserLanguages()))
followLanguage(i18n, document.documentElement, pageStorage())
const commands = createSwarmCommands(
  engineHost,
  store,
  undefined,
  (key, values) =>
    // Keys built from data: the catalogues' parity test (LANG-4) keeps each one defined.
    (i18n.t as unknown as (k: string, v?: object) => string)(key, values),
  // SPEC UX-6: a removal in another tab of this browser stops this tab's swarm too.
  createBrowserLibraryTabs(),
)
// Closing the tab: close every peer connection now, so neighbours drop us at once instead of
// after an ICE failure or their idle timeout (SPEC EN-14, EN-11). Never blocks the unload, no prompt.
window.addEventListener('pagehide', () => engineHost.dispose())
// Back from the back/forward cache, the engine above is gone: start the page afresh.
window.addEventListener('pageshow', (event) => {
  if (event.persisted) {
    window.location.reload()
  }
})

// SPEC ST-10: the player records each file's bitrate here; the stream server hands it to the engine.
const bitrates = createBitrateBook()
const streamDeadlines = streamPolicyFromQuery(search) === 'deadline'
// SPEC ST-5: a press on play reaches the engine before the player's first read does.
const playIntent = createPlayIntent({
  engine: () => engineHost.services().engine,
  bitrates,
  deadlines: streamDeadlines,
})

const root = document.getElementById('root')
if (root === null) {
  throw new Error('index.html has no #root')
}
createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <EngineContext.Provider value={engineHost}>
        <SwarmStoreContext.Provider value={store}>
          <CommandsContext.Provider value={commands}>
            <BitrateContext.Provider value={bitrates}>
              <PlayIntentContext.Provider value={playIntent}>
                <App />
              </PlayIntentContext.Provider>
            </BitrateContext.Provider>
          </CommandsContext.Provider>
        </SwarmStoreContext.Provider>
      </EngineContext.Provider>
    </I18nextProvider>
  </StrictMode>,
)

// SPEC ST-3: the service worker's stream route reads the swarm's pieces through this tab's engine.
// Only the download page plays, and it has started the engine by then.
if (navigator.serviceWorker !== undefined) {
  installStreamServer(navigator.serviceWorker, {
    engine: () => engineHost.services().engine,
    bitrateOf: (swarmId, fileIndex) => bitrates.of(swarmId, fileIndex),
    deadlines: streamDeadlines,
  })
}

// SPEC PWA-3, PWA-4: the app shell works offline, and files shared from another app arrive here.
registerServiceWorker()
void takeSharedFiles(search)
  .then((picked) => {
    if (picked.length > 0) {
      const { pathname, hash } = window.location
      window.history.replaceState(null, '', `${pathname}${withoutSharedQuery(search)}${hash}`)
      void commands.share(picked)
    }
  })
  .catch(() => {
    // Storage refused: nothing was shared to this load after all.
  })
