import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'

import { NO_RELAY_REASON, RelayOnlyForm } from './RelayOnlyForm.tsx'
import { RELAY_ONLY_STORAGE_KEY, initialRelayOnly, rememberRelayOnly } from './relay-only.ts'

afterEach(cleanup)

/** A Map-backed Web Storage. */
function memoryStorage(entries: Record<string, string> = {}) {
  const map = new Map(Object.entries(entries))
  return {
    map,
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => void map.set(key, value),
  }
}

describe('relay-only choice', () => {
  it('[NET-2] ?relay=1 or ?relay=0 decides for the tab; otherwise the remembered choice', () => {
    const remembered = memoryStorage({ [RELAY_ONLY_STORAGE_KEY]: 'true' })
    expect(initialRelayOnly('', remembered)).toBe(true)
    expect(initialRelayOnly('?relay=0', remembered)).toBe(false)
    expect(initialRelayOnly('?relay=1', memoryStorage())).toBe(true)
    expect(initialRelayOnly('', memoryStorage())).toBe(false)
    expect(initialRelayOnly('', null)).toBe(false)
  })

  it('[NET-2] is remembered under swarmdrop.relayOnly, and a refusing storage is survived', () => {
    const storage = memoryStorage()
    rememberRelayOnly(storage, true)
    expect(storage.map.get('swarmdrop.relayOnly')).toBe('true')
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError')
      },
      setItem: () => {
        throw new Error('SecurityError')
      },
    }
    expect(() => rememberRelayOnly(refusing, true)).not.toThrow()
    expect(initialRelayOnly('', refusing)).toBe(false)
  })
})

describe('RelayOnlyForm', () => {
  it('[NET-2] offers the choice, applied to new connections, and reports a change', () => {
    const changes: boolean[] = []
    render(
      <RelayOnlyForm relayOnly={false} relayAvailable={true} onChange={(v) => changes.push(v)} />,
    )
    const box = screen.getByLabelText('Hide my IP address') as HTMLInputElement
    expect(box.disabled).toBe(false)
    expect(screen.getByTestId('relay-only-hint').textContent).toMatch(/new connections/)
    fireEvent.click(box)
    expect(changes).toEqual([true])
  })

  it('[NET-2] is disabled, with the reason in words, when the tracker has no relay', () => {
    render(<RelayOnlyForm relayOnly={true} relayAvailable={false} onChange={() => undefined} />)
    const box = screen.getByLabelText('Hide my IP address') as HTMLInputElement
    expect(box.disabled).toBe(true)
    // Not in effect, so not shown ticked.
    expect(box.checked).toBe(false)
    expect(screen.getByTestId('relay-only').dataset['relayOnly']).toBe('false')
    expect(screen.getByTestId('relay-only-hint').textContent).toBe(NO_RELAY_REASON)
    expect(NO_RELAY_REASON).toMatch(/needs a relay server; this Swarmdrop has none configured/i)
  })
})
