import type { Engine, EngineEvent } from '@swarmdrop/engine'
import type { Hasher, Unsubscribe } from '@swarmdrop/protocol'
import { describe, expect, it } from 'vitest'

import type { EngineServices } from '../app-context.ts'
import { createSwarmStore } from '../store/swarm-store.ts'

import { createLazyEngineHost } from './engine-host.ts'

/** Services whose engine only takes subscriptions, recording destroys and relay listeners. */
function fakeServices() {
  let destroyed = 0
  let relay: ((available: boolean) => void) | null = null
  const engine = {
    onEvent:
      (_callback: (event: EngineEvent) => void): Unsubscribe =>
      () =>
        undefined,
  } as unknown as Engine
  const services: EngineServices = {
    engine,
    hasher: (async () => new Uint8Array(32)) as Hasher,
    destroy: async () => {
      destroyed += 1
    },
    onRelayAvailable(callback) {
      relay = callback
      return () => {
        relay = null
      }
    },
  }
  return { services, destroyed: () => destroyed, tellRelay: (v: boolean) => relay?.(v) }
}

describe('createLazyEngineHost', () => {
  it('[MD-5] dispose before first use creates nothing, so a closing idle page contacts nobody', () => {
    let created = 0
    const host = createLazyEngineHost(() => {
      created += 1
      return fakeServices().services
    }, createSwarmStore())
    host.dispose()
    expect(created).toBe(0)
  })

  it('[EN-14] dispose (pagehide) destroys the engine, closing its peer connections', () => {
    const fake = fakeServices()
    const host = createLazyEngineHost(() => fake.services, createSwarmStore())
    host.services()
    host.dispose()
    expect(fake.destroyed()).toBe(1)
  })

  it('binds the relay availability into the store through the engine binding', () => {
    const fake = fakeServices()
    const store = createSwarmStore()
    createLazyEngineHost(() => fake.services, store).services()
    expect(store.getState().relayAvailable).toBeNull()
    fake.tellRelay(true)
    expect(store.getState().relayAvailable).toBe(true)
  })
})
