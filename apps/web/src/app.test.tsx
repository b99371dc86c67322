import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'

import { EngineContext, SwarmStoreContext } from './app-context.ts'
import type { EngineHost } from './app-context.ts'
import { App } from './app.tsx'
import { EMPTY_FILE_MESSAGE } from './features/share/share-file.ts'
import { createSwarmStore } from './store/swarm-store.ts'

afterEach(() => {
  cleanup()
  window.location.hash = ''
})

/** Renders the app with an engine host that records whether anything asked for the engine. */
function renderApp(hash: string) {
  window.location.hash = hash
  const store = createSwarmStore()
  let engineRequests = 0
  const host: EngineHost = {
    services() {
      engineRequests += 1
      throw new Error('this test must not reach the engine')
    },
  }
  render(
    <EngineContext.Provider value={host}>
      <SwarmStoreContext.Provider value={store}>
        <App />
      </SwarmStoreContext.Provider>
    </EngineContext.Provider>,
  )
  return { store, engineRequests: () => engineRequests }
}

describe('App', () => {
  it('[MD-5] refuses a malformed link with a clear page and a way home, contacting nothing', () => {
    const { engineRequests } = renderApp('#not-a-swarm')
    expect(screen.getByRole('heading', { level: 1 }).textContent).toMatch(
      /This link is not a Swarmdrop link/,
    )
    expect(screen.getByRole('link', { name: /share a file/i }).getAttribute('href')).toBe('#')
    expect(screen.queryByTestId('progress')).toBeNull()
    expect(engineRequests()).toBe(0)
  })

  it('[NET-6] an insecure origin is named on the home page at once, before any drop', () => {
    Object.defineProperty(window, 'isSecureContext', { value: false, configurable: true })
    try {
      const { engineRequests } = renderApp('')
      expect(screen.getByTestId('insecure-origin').textContent).toMatch(/needs HTTPS/)
      expect(screen.getByTestId('drop-zone')).toBeTruthy()
      expect(engineRequests()).toBe(0)
    } finally {
      delete (window as { isSecureContext?: boolean }).isSecureContext
    }
  })

  it('[NET-2] the home page offers "hide my IP address" and remembers the choice', () => {
    const { store, engineRequests } = renderApp('')
    fireEvent.click(screen.getByLabelText('Hide my IP address'))
    expect(store.getState().relayOnly).toBe(true)
    expect(window.localStorage.getItem('swarmdrop.relayOnly')).toBe('true')
    window.localStorage.removeItem('swarmdrop.relayOnly')
    expect(engineRequests()).toBe(0)
  })

  it('[MD-6] refuses a 0-byte file with a clear message before hashing or seeding', () => {
    const { store, engineRequests } = renderApp('')
    const input = screen.getByTestId('file-input')
    expect(input.getAttribute('type')).toBe('file')
    expect(screen.getByTestId('drop-zone')).toBeTruthy()

    fireEvent.change(input, { target: { files: [new File([], 'empty.txt')] } })

    expect(screen.getByRole('alert').textContent).toBe(EMPTY_FILE_MESSAGE)
    expect(store.getState().share).toEqual({
      hashing: null,
      error: EMPTY_FILE_MESSAGE,
      viewing: null,
      password: '',
    })
    expect(engineRequests()).toBe(0)
  })

  it('[MD-6] refuses a 0-byte file dropped on the drop zone too', () => {
    const { engineRequests } = renderApp('')
    fireEvent.drop(screen.getByTestId('drop-zone'), {
      dataTransfer: { files: [new File([], 'empty.txt')] },
    })
    expect(screen.getByRole('alert').textContent).toBe(EMPTY_FILE_MESSAGE)
    expect(engineRequests()).toBe(0)
  })
})
