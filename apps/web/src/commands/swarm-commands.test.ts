import type { Engine } from '@swarmdrop/engine'
import type { SwarmId } from '@swarmdrop/protocol'
import { describe, expect, it, vi } from 'vitest'

import type { EngineHost } from '../app-context.ts'
import { EMPTY_FILE_MESSAGE } from '../features/share/share-file.ts'
import { createSwarmStore, emptySwarm } from '../store/swarm-store.ts'
import { SWARM_A } from '../test-support/engine-events.ts'

import { UNDO_REMOVE_MS, createSwarmCommands } from './swarm-commands.ts'
import type { CommandTimers } from './swarm-commands.ts'

/** Timers run by hand: `fire()` runs every pending one. */
function manualTimers(): CommandTimers & { fire(): void; delays: number[] } {
  let pending: (() => void)[] = []
  const delays: number[] = []
  return {
    delays,
    setTimeout(run, ms) {
      delays.push(ms)
      pending.push(run)
      return () => {
        pending = pending.filter((p) => p !== run)
      }
    },
    fire() {
      const runs = pending
      pending = []
      runs.forEach((run) => run())
    },
  }
}

function setup() {
  const remove = vi.fn(async (_swarmId: SwarmId) => {})
  const engine = { remove, swarm: () => undefined } as unknown as Engine
  const host: EngineHost = { services: () => ({ engine, hasher: async (b) => b }) }
  const store = createSwarmStore()
  const timers = manualTimers()
  return { store, remove, timers, commands: createSwarmCommands(host, store, timers) }
}

describe('swarm commands', () => {
  it('[UX-10] a refused share writes only the share flow, never a swarm row', async () => {
    const { store, commands } = setup()
    const picked = [{ file: new File([], 'empty.txt'), path: ['empty.txt'] }]
    expect(await commands.share(picked)).toBeNull()
    expect(store.getState().share).toEqual({
      hashing: null,
      error: EMPTY_FILE_MESSAGE,
      viewing: null,
      password: '',
    })
    expect(store.getState().swarms).toEqual({})
  })

  it('[UX-6] remove hides at once, deletes after the undo period, and undo cancels it', async () => {
    const { store, remove, timers, commands } = setup()
    store.setState({ swarms: { [SWARM_A]: emptySwarm(SWARM_A, true) } })
    commands.remove(SWARM_A, 'report.pdf')
    expect(store.getState().removed).toEqual([{ swarmId: SWARM_A, name: 'report.pdf' }])
    expect(timers.delays).toEqual([UNDO_REMOVE_MS])
    commands.undoRemove(SWARM_A)
    timers.fire()
    expect(store.getState().removed).toEqual([])
    expect(remove).not.toHaveBeenCalled()

    commands.remove(SWARM_A, 'report.pdf')
    timers.fire()
    await vi.waitFor(() => expect(remove).toHaveBeenCalledWith(SWARM_A))
    expect(store.getState().removed).toEqual([])
  })

  it('[UX-4] stop leaves the swarm and returns the home page to the drop zone', async () => {
    const { store, remove, commands } = setup()
    store.setState({ swarms: { [SWARM_A]: emptySwarm(SWARM_A, true) } })
    commands.view(SWARM_A)
    expect(store.getState().share.viewing).toBe(SWARM_A)
    await commands.stop(SWARM_A)
    expect(remove).toHaveBeenCalledWith(SWARM_A)
    expect(store.getState().share.viewing).toBeNull()
  })
})
