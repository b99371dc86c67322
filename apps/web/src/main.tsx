import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'

import { CommandsContext, EngineContext, SwarmStoreContext } from './app-context.ts'
import { App } from './app.tsx'
import { createSwarmCommands } from './commands/swarm-commands.ts'
import { createBrowserEngine } from './engine/create-browser-engine.ts'
import { engineConfigFromQuery, uiBatchingFromQuery } from './engine/engine-config-from-query.ts'
import { createLazyEngineHost } from './engine/engine-host.ts'
import { initialRelayOnly, pageStorage } from './features/settings/relay-only.ts'
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
const commands = createSwarmCommands(engineHost, store)
installTestHook(store)
// Closing the tab: close every peer connection now, so neighbours drop us at once instead of
// after an ICE failure or their idle timeout (SPEC EN-14, EN-11). Never blocks the unload, no prompt.
window.addEventListener('pagehide', () => engineHost.dispose())
// Back from the back/forward cache, the engine above is gone: start the page afresh.
window.addEventListener('pageshow', (event) => {
  if (event.persisted) {
    window.location.reload()
  }
})

const root = document.getElementById('root')
if (root === null) {
  throw new Error('index.html has no #root')
}
createRoot(root).render(
  <StrictMode>
    <EngineContext.Provider value={engineHost}>
      <SwarmStoreContext.Provider value={store}>
        <CommandsContext.Provider value={commands}>
          <App />
        </CommandsContext.Provider>
      </SwarmStoreContext.Provider>
    </EngineContext.Provider>
  </StrictMode>,
)
