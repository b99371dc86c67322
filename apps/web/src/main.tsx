import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'

import { EngineContext, SwarmStoreContext } from './app-context.ts'
import { App } from './app.tsx'
import { createBrowserEngine } from './engine/create-browser-engine.ts'
import { createLazyEngineHost } from './engine/engine-host.ts'
import { createSwarmStore } from './store/swarm-store.ts'
import { installTestHook } from './test-hook.ts'
import './styles.css'

const store = createSwarmStore()
// The query string is read once: it tunes this tab's engine (rechoke, optimistic, slots, stats).
const engineHost = createLazyEngineHost(() => createBrowserEngine(window.location.search), store)
installTestHook(store)

const root = document.getElementById('root')
if (root === null) {
  throw new Error('index.html has no #root')
}
createRoot(root).render(
  <StrictMode>
    <EngineContext.Provider value={engineHost}>
      <SwarmStoreContext.Provider value={store}>
        <App />
      </SwarmStoreContext.Provider>
    </EngineContext.Provider>
  </StrictMode>,
)
