// @vitest-environment node

import type { Engine } from '@swarmdrop/engine'
import type { SwarmId } from '@swarmdrop/protocol'
import { describe, expect, it, vi } from 'vitest'

import type { EngineHost } from '../app-context.ts'
import { EMPTY_FILE_MESSAGE } from '../features/share/share-file.ts'
import { createSwarmStore, emptySwarm } from '../store/swarm-store.ts'
import type { SwarmStore } from '../store/swarm-store.ts'
import { SWARM_A } from '../test-support/engine-events.ts'
import { inMemoryBrowser } from '../test-support/in-memory-tabs.ts'

import type { LibraryTabs } from './library-tabs.ts'

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
    // Hidden from the library until the deletion is over, then the bar goes.
    await vi.waitFor(() => expect(store.getState().removed).toEqual([]))
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

/**
 * One tab of a browser: its own store, engine and command layer. Its engine holds the swarms
 * it seeds or downloads; `leave` decides when a removal from the engine completes.
 */
function tabOf(tabs: LibraryTabs, log: string[], name: string) {
  const store = createSwarmStore()
  const timers = manualTimers()
  let leave: (() => void) | null = null
  const running = new Set<SwarmId>()
  const join = (swarmId: SwarmId): { swarmId: SwarmId } => {
    running.add(swarmId)
    // What the engine binding writes once the engine reports the swarm.
    store.setState(({ swarms }) => ({
      swarms: { ...swarms, [swarmId]: emptySwarm(swarmId, true) },
    }))
    return { swarmId }
  }
  const engine = {
    swarm: (swarmId: SwarmId) => (running.has(swarmId) ? {} : undefined),
    download: vi.fn((swarmId: SwarmId) => join(swarmId)),
    seed: vi.fn(async () => join(SWARM_A)),
    remove: vi.fn(async (swarmId: SwarmId) => {
      await new Promise<void>((resolve) => {
        leave = resolve
      })
      running.delete(swarmId)
      log.push(`${name} left ${swarmId}`)
      store.setState(({ swarms }) => {
        const { [swarmId]: _gone, ...rest } = swarms
        return { swarms: rest }
      })
    }),
  } as unknown as Engine
  const host: EngineHost = {
    services: () => ({
      engine,
      hasher: async (bytes) =>
        new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)),
    }),
  }
  const commands = createSwarmCommands(host, store, timers, undefined, tabs)
  return {
    store,
    timers,
    engine,
    commands,
    /** Lets the engine's pending remove complete. */
    finishLeaving: () => leave?.(),
  }
}

const stoppedOf = (store: SwarmStore): string | undefined => store.getState().stopped[SWARM_A]

describe('swarm commands in several tabs of one browser (SPEC UX-6)', () => {
  it('[UX-6] a removal in another tab stops this tab downloading, says why, and deletes only once it let go', async () => {
    const browser = inMemoryBrowser()
    const player = tabOf(browser.tab(), browser.log, 'player')
    const home = tabOf(browser.tab(), browser.log, 'home')
    player.commands.open(SWARM_A)
    await vi.waitFor(() => expect(player.store.getState().swarms[SWARM_A]).toBeDefined())

    home.commands.remove(SWARM_A, 'clip.webm')
    home.timers.fire()
    await vi.waitFor(() => expect(player.engine.remove).toHaveBeenCalledWith(SWARM_A))
    expect(stoppedOf(player.store)).toBe(
      'clip.webm was removed from this browser in another tab, so this tab stopped downloading and sharing it.',
    )
    // The playing tab has not let go yet: nothing is deleted, and the home tab still says removed.
    expect(browser.log).toEqual([])
    expect(home.store.getState().removed).toEqual([{ swarmId: SWARM_A, name: 'clip.webm' }])
    // Only a swarm a tab runs is asked of its engine (MD-5).
    expect(home.engine.remove).not.toHaveBeenCalled()

    player.finishLeaving()
    await vi.waitFor(() => expect(home.store.getState().removed).toEqual([]))
    expect(browser.log).toEqual([`player left ${SWARM_A}`, `deleted ${SWARM_A}`])
    expect(player.store.getState().swarms[SWARM_A]).toBeUndefined()
  })

  it('[UX-6] a share removed in another tab stops sharing, and the home page says why', async () => {
    const browser = inMemoryBrowser()
    const sharer = tabOf(browser.tab(), browser.log, 'sharer')
    const home = tabOf(browser.tab(), browser.log, 'home')
    const picked = [{ file: new File(['some bytes'], 'clip.webm'), path: ['clip.webm'] }]
    const shared = await sharer.commands.share(picked)
    expect(sharer.store.getState().share.error).toBeNull()
    expect(shared).toBe(SWARM_A)
    expect(sharer.store.getState().share.viewing).toBe(SWARM_A)

    home.commands.remove(SWARM_A, 'clip.webm')
    home.timers.fire()
    await vi.waitFor(() => expect(sharer.engine.remove).toHaveBeenCalledWith(SWARM_A))
    expect(sharer.store.getState().share).toMatchObject({
      viewing: null,
      error:
        'clip.webm was removed from this browser in another tab, so this tab stopped downloading and sharing it.',
    })
    sharer.finishLeaving()
    await vi.waitFor(() => expect(browser.log).toContain(`deleted ${SWARM_A}`))
    // A new link for a share that is gone makes nothing.
    expect(await sharer.commands.newLink(SWARM_A)).toBeNull()
  })

  it('[UX-6] a tab that does not run the swarm lets the deletion go at once, and a removal it had pending ends', async () => {
    const browser = inMemoryBrowser()
    const other = tabOf(browser.tab(), browser.log, 'other')
    const home = tabOf(browser.tab(), browser.log, 'home')
    other.commands.remove(SWARM_A, 'clip.webm')
    home.commands.remove(SWARM_A, 'clip.webm')
    home.timers.fire()
    await vi.waitFor(() => expect(browser.log).toEqual([`deleted ${SWARM_A}`]))
    expect(other.store.getState().removed).toEqual([])
    expect(stoppedOf(other.store)).toBeUndefined()
    expect(other.engine.remove).not.toHaveBeenCalled()
    // Its own timer was cancelled: it deletes nothing a second time.
    other.timers.fire()
    await Promise.resolve()
    expect(browser.log).toEqual([`deleted ${SWARM_A}`])
  })

  it("[UX-6] an entry removed in another tab leaves this tab's library at once, and comes back when this tab opens it", async () => {
    const browser = inMemoryBrowser()
    const other = tabOf(browser.tab(), browser.log, 'other')
    const home = tabOf(browser.tab(), browser.log, 'home')
    home.commands.remove(SWARM_A, 'clip.webm')
    home.timers.fire()
    await vi.waitFor(() => expect(other.store.getState().goneElsewhere).toEqual([SWARM_A]))
    // Told twice (two removals of one entry), it lists the entry once.
    home.commands.remove(SWARM_A, 'clip.webm')
    home.timers.fire()
    await vi.waitFor(() => expect(browser.log).toHaveLength(2))
    expect(other.store.getState().goneElsewhere).toEqual([SWARM_A])
    // The removing tab hides it through its undo bar (`removed`), not through this list.
    expect(home.store.getState().goneElsewhere).toEqual([])

    other.commands.open(SWARM_A)
    expect(other.store.getState().goneElsewhere).toEqual([])
  })

  it('[UX-6] undo does nothing once the deletion has started; the bar goes when it ends', async () => {
    const browser = inMemoryBrowser()
    const player = tabOf(browser.tab(), browser.log, 'player')
    const home = tabOf(browser.tab(), browser.log, 'home')
    player.commands.open(SWARM_A)
    home.commands.remove(SWARM_A, 'clip.webm')
    home.timers.fire()
    await vi.waitFor(() => expect(player.engine.remove).toHaveBeenCalled())
    home.commands.undoRemove(SWARM_A)
    expect(home.store.getState().removed).toEqual([{ swarmId: SWARM_A, name: 'clip.webm' }])
    player.finishLeaving()
    await vi.waitFor(() => expect(home.store.getState().removed).toEqual([]))
    expect(browser.log).toContain(`deleted ${SWARM_A}`)
  })
})
