// @vitest-environment node
// Node has Blob.arrayBuffer (the share is really hashed); jsdom does not.
import { readFileSync, readdirSync } from 'node:fs'
import { webcrypto } from 'node:crypto'
import { fileURLToPath } from 'node:url'

import type { ChunkStoreFactory, Engine, EngineEvent, SwarmHandle } from '@swarmdrop/engine'
import type { Hasher, Metadata, SwarmId } from '@swarmdrop/protocol'
import { afterEach, describe, expect, it, vi } from 'vitest'

import type { EngineHost } from '../app-context.ts'
import { createSwarmCommands } from '../commands/swarm-commands.ts'
import type { CommandTimers } from '../commands/swarm-commands.ts'
import {
  SWARM_A,
  fakeEventSource,
  metadataOf,
  peerId,
  statsEvent,
} from '../test-support/engine-events.ts'

import { bindEngine, immediateScheduler } from './bind-engine.ts'
import { createSwarmStore } from './swarm-store.ts'
import type { SwarmState } from './swarm-store.ts'
import { UI_KEYS, createUiWriter } from './ui-writer.ts'

/**
 * STYLE §4: the store has one writer for engine facts, store/bind-engine.ts. Features send
 * commands; the command layer writes only the UI slice (ui-writer.ts). These tests fail if a
 * component or command writes an engine fact into the store.
 */

const SRC = fileURLToPath(new URL('..', import.meta.url))

/** Every non-test module of apps/web/src as path (relative, '/'-separated) → source. */
function sources(): Map<string, string> {
  const files = new Map<string, string>()
  for (const entry of readdirSync(SRC, { recursive: true, encoding: 'utf8' })) {
    const path = entry.split('\\').join('/')
    if (/\.tsx?$/.test(path) && !/\.test\.tsx?$/.test(path) && !path.startsWith('test-support/')) {
      files.set(path, readFileSync(SRC + entry, 'utf8'))
    }
  }
  return files
}

const modulesMatching = (pattern: RegExp): string[] =>
  [...sources()].filter(([, text]) => pattern.test(text)).map(([path]) => path)

const ENGINE_KEYS = ['tracker', 'swarms', 'relayAvailable'] as const satisfies readonly Exclude<
  keyof SwarmState,
  (typeof UI_KEYS)[number]
>[]

const engineSlice = (state: SwarmState) => ENGINE_KEYS.map((key) => state[key])
const uiSlice = (state: SwarmState) => UI_KEYS.map((key) => state[key])

describe('the store has one writer of engine facts (module graph)', () => {
  it('only bind-engine.ts and the UI writer call setState', () => {
    expect(modulesMatching(/\.setState\s*\(/).sort()).toEqual([
      'store/bind-engine.ts',
      'store/ui-writer.ts',
    ])
  })

  it('only the store modules build swarm rows', () => {
    const builders = modulesMatching(/import\s*\{[^}]*\b(withSwarm|emptySwarm|applyStats)\b[^}]*\}/)
    expect(builders.filter((path) => !path.startsWith('store/'))).toEqual([])
  })

  it('no component creates a store or its own UI writer', () => {
    expect(modulesMatching(/\bcreateUiWriter\s*\(/).sort()).toEqual([
      'commands/swarm-commands.ts',
      'store/ui-writer.ts',
    ])
  })

  it('only the stream route reads bytes from the engine (verified pieces, SPEC ST-3); Save asks the command layer', () => {
    // The engine's handle has no store to take out any more; read() rejects unverified pieces.
    expect(modulesMatching(/\bswarm\.read\(/)).toEqual(['features/stream/stream-server.ts'])
  })

  it('the UI never derives a share’s swarm id: the engine does, once', () => {
    // start-download.ts checks that metadata read back from disk names the link's swarm.
    expect(modulesMatching(/\bswarmIdOf\b/)).toEqual(['features/download/start-download.ts'])
  })
})

describe('the UI writer', () => {
  it('refuses an engine key', () => {
    const store = createSwarmStore()
    const write = createUiWriter(store)
    const before = store.getState()
    expect(() => write(() => ({ swarms: {} }) as never)).toThrow(/swarms/)
    expect(() => write(() => ({ tracker: 'connected' }) as never)).toThrow(/tracker/)
    expect(store.getState()).toBe(before)
    write(() => ({ relayOnly: true }))
    expect(store.getState().relayOnly).toBe(true)
  })
})

const sha256: Hasher = (bytes) =>
  webcrypto.subtle
    .digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)
    .then((digest) => new Uint8Array(digest))

/** An engine that records commands and reports nothing unless the test emits it. */
function fakeEngine() {
  const handles = new Map<SwarmId, { metadata: Metadata | null; complete: boolean }>()
  const handleOf = (swarmId: SwarmId): SwarmHandle => ({
    swarmId,
    metadata: () => handles.get(swarmId)?.metadata ?? null,
    read: () => Promise.reject(new Error('Save reads the store its command made, not the engine')),
    isComplete: () => handles.get(swarmId)?.complete ?? false,
    has: () => false,
    setPlayback: () => undefined,
  })
  const downloads = new Map<SwarmId, ChunkStoreFactory>()
  const engine = {
    seed: vi.fn(async (metadata: Metadata) => {
      handles.set(SWARM_A, { metadata, complete: true })
      return handleOf(SWARM_A)
    }),
    download: vi.fn((swarmId: SwarmId, createStore: ChunkStoreFactory) => {
      downloads.set(swarmId, createStore)
      handles.set(swarmId, { metadata: null, complete: false })
      return handleOf(swarmId)
    }),
    remove: vi.fn(async (swarmId: SwarmId) => void handles.delete(swarmId)),
    swarm: (swarmId: SwarmId) => (handles.has(swarmId) ? handleOf(swarmId) : undefined),
    setUploadLimit: vi.fn(),
  }
  /** What the engine does once a download's metadata arrives and every piece is in. */
  const finish = async (swarmId: SwarmId, metadata: Metadata, bytes: Uint8Array) => {
    const store = downloads.get(swarmId)?.(metadata)
    for (let index = 0; index * metadata.pieceLength < bytes.length; index += 1) {
      const start = index * metadata.pieceLength
      await store?.put(index, bytes.slice(start, start + metadata.pieceLength))
    }
    handles.set(swarmId, { metadata, complete: true })
  }
  return { engine: engine as unknown as Engine & typeof engine, finish }
}

const noTimers: CommandTimers = { setTimeout: (run) => (run(), () => undefined) }

/** Stubs the browser download: returns the Blobs handed to it. */
function capturedSaves(): Blob[] {
  const saved: Blob[] = []
  vi.stubGlobal(
    'URL',
    Object.assign(URL, {
      createObjectURL: (blob: Blob) => (saved.push(blob), 'blob:x'),
      revokeObjectURL: () => undefined,
    }),
  )
  vi.stubGlobal('document', {
    createElement: () => ({ click: () => undefined, remove: () => undefined }),
    body: { append: () => undefined },
  })
  return saved
}

describe('commands write no engine fact (runtime)', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('share, open, save, stop, remove and the settings leave the engine slice alone', async () => {
    const saved = capturedSaves()
    const { engine, finish } = fakeEngine()
    const host: EngineHost = { services: () => ({ engine, hasher: sha256 }) }
    const store = createSwarmStore()
    const commands = createSwarmCommands(host, store, noTimers)
    const engineBefore = engineSlice(store.getState())
    const changed: string[] = []
    store.subscribe((state, previous) => {
      ENGINE_KEYS.filter((key) => state[key] !== previous[key]).forEach((key) => changed.push(key))
    })

    const bytes = new TextEncoder().encode('hello, swarm')
    const picked = [{ file: new File([bytes], 'hello.txt'), path: ['hello.txt'] }]
    // The id is the engine's (its seed handle), not one the UI hashed.
    expect(await commands.share(picked)).toBe(SWARM_A)
    expect(store.getState().share.viewing).toBe(SWARM_A)
    await commands.save(SWARM_A)
    expect(new Uint8Array(await (saved[0] as Blob).arrayBuffer())).toEqual(bytes)

    const other = 'b'.repeat(64) as SwarmId
    commands.open(other)
    await vi.waitFor(() => expect(engine.download).toHaveBeenCalled())
    await expect(commands.save(other)).rejects.toThrow(/not complete/)
    const metadata = metadataOf(1)
    await finish(other, { ...metadata, size: 3, pieceLength: 16_384 }, new Uint8Array([1, 2, 3]))
    await commands.save(other)
    expect(new Uint8Array(await (saved[1] as Blob).arrayBuffer())).toEqual(
      new Uint8Array([1, 2, 3]),
    )

    commands.setUploadLimit(1000)
    expect(engine.setUploadLimit).toHaveBeenCalledWith(1000)
    commands.setRelayOnly(true)
    await commands.stop(other)
    await expect(commands.save(other)).rejects.toThrow(/not complete/)
    commands.remove(SWARM_A, 'hello.txt')

    expect(changed).toEqual([])
    expect(engineSlice(store.getState())).toEqual(engineBefore)
    expect(store.getState()).toMatchObject({ uploadLimitBps: 1000, relayOnly: true })
  })
})

describe('bind-engine writes only engine facts', () => {
  it('leaves the UI slice alone whatever the engine reports', () => {
    const source = fakeEventSource()
    const store = createSwarmStore()
    bindEngine(source, store, immediateScheduler)
    const before = uiSlice(store.getState())
    const events: EngineEvent[] = [
      { type: 'tracker-status', status: 'connected' },
      { type: 'swarm-added', swarmId: SWARM_A, seeding: false, passwordRequired: false },
      { type: 'metadata', swarmId: SWARM_A, metadata: metadataOf(2) },
      { type: 'peer-connected', swarmId: SWARM_A, peerId: peerId('p1') },
      statsEvent({ piecesVerified: 1 }),
      { type: 'piece-verified', swarmId: SWARM_A, index: 1 as never },
      { type: 'complete', swarmId: SWARM_A },
      { type: 'peer-disconnected', swarmId: SWARM_A, peerId: peerId('p1'), reason: 'closed' },
      { type: 'swarm-removed', swarmId: SWARM_A },
    ]
    events.forEach((event) => source.emit(event))
    expect(uiSlice(store.getState())).toEqual(before)
    uiSlice(store.getState()).forEach((value, i) => expect(value).toBe(before[i]))
  })
})
