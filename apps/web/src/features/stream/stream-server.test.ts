import type { Engine, EngineEvent, SwarmHandle } from '@swarmdrop/engine'
import type { Metadata, PieceIndex, SwarmId } from '@swarmdrop/protocol'
import { describe, expect, it, vi } from 'vitest'

import type { StreamReadMessage } from '../../sw/stream-messages.ts'

import { installStreamServer } from './stream-server.ts'

const SWARM = 'swarm1' as SwarmId
const PIECE = 4
/** Ten bytes in three pieces: 0123 4567 89. */
const BYTES = Uint8Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])

function fakeSwarm() {
  const held = new Set<number>()
  const listeners = new Set<(event: EngineEvent) => void>()
  const setPlayback = vi.fn()
  let present = true
  const metadata = {
    name: 'clip.webm',
    size: BYTES.length,
    mimeType: 'video/webm',
    pieceLength: PIECE,
  } as unknown as Metadata
  const swarm = {
    swarmId: SWARM,
    metadata: () => metadata,
    read: (index: number, offset = 0, length = PIECE) =>
      held.has(index)
        ? Promise.resolve(BYTES.slice(index * PIECE + offset, index * PIECE + offset + length))
        : Promise.reject(new Error('not verified')),
    isComplete: () => false,
    has: (index: number) => held.has(index),
    setPlayback,
  } as SwarmHandle
  const engine = {
    swarm: (id: SwarmId) => (present && id === SWARM ? swarm : undefined),
    onEvent: (callback: (event: EngineEvent) => void) => {
      listeners.add(callback)
      return () => listeners.delete(callback)
    },
  } as unknown as Engine
  const emit = (event: EngineEvent): void => listeners.forEach((l) => l(event))
  return {
    engine,
    setPlayback,
    verify(index: number) {
      held.add(index)
      emit({ type: 'piece-verified', swarmId: SWARM, index: index as PieceIndex })
    },
    remove() {
      present = false
      emit({ type: 'swarm-removed', swarmId: SWARM })
    },
    listeners,
  }
}

/** A fake service-worker container: delivers one message with a port, as the worker would. */
function serve(engine: Engine) {
  let listener: ((event: MessageEvent) => void) | null = null
  installStreamServer(
    {
      addEventListener: (_type: string, l: unknown) => {
        listener = l as (event: MessageEvent) => void
      },
      removeEventListener: () => undefined,
    } as unknown as ServiceWorkerContainer,
    { engine: () => engine, bitrateOf: () => 1_000 },
  )
  return (data: unknown): { messages: StreamReadMessage[]; port: MessagePort } => {
    const channel = new MessageChannel()
    const messages: StreamReadMessage[] = []
    channel.port1.onmessage = (event: MessageEvent<StreamReadMessage>) => {
      messages.push(event.data)
    }
    listener?.({ data, ports: [channel.port2] } as unknown as MessageEvent)
    return { messages, port: channel.port1 }
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20))

describe('stream server', () => {
  it('[ST-3][ST-5] sends a range piece by piece as each is verified, and sets the playback position meanwhile', async () => {
    const swarm = fakeSwarm()
    const ask = serve(swarm.engine)
    const { messages } = ask({
      type: 'stream-read',
      swarmId: SWARM,
      fileIndex: 0,
      start: 2,
      length: 7,
    })
    await settle()
    expect(messages).toEqual([])
    expect(swarm.setPlayback).toHaveBeenLastCalledWith({
      fileIndex: 0,
      byteOffset: 2,
      bitrateBps: 1_000,
    })
    swarm.verify(1)
    await settle()
    // Piece 1 is held but piece 0 is not: nothing may be sent out of order.
    expect(messages).toEqual([])
    swarm.verify(0)
    await settle()
    expect(messages.map((m) => (m.type === 'bytes' ? [...m.bytes] : m.type))).toEqual([
      [2, 3],
      [4, 5, 6, 7],
    ])
    expect(swarm.setPlayback).toHaveBeenLastCalledWith({
      fileIndex: 0,
      byteOffset: 8,
      bitrateBps: 1_000,
    })
    swarm.verify(2)
    await settle()
    expect(messages.at(-2)).toMatchObject({ type: 'bytes' })
    expect(messages.at(-1)).toEqual({ type: 'end' })
  })

  it('[ST-9] a quiet read gives a deadline only to the piece it waits on', async () => {
    const swarm = fakeSwarm()
    const { messages } = serve(swarm.engine)({
      type: 'stream-read',
      swarmId: SWARM,
      fileIndex: 0,
      start: 1,
      length: 9,
      quiet: true,
    })
    await settle()
    expect(swarm.setPlayback).toHaveBeenLastCalledWith({
      fileIndex: 0,
      byteOffset: 1,
      bitrateBps: 1_000,
      endByte: 4,
    })
    swarm.verify(0)
    await settle()
    expect(swarm.setPlayback).toHaveBeenLastCalledWith({
      fileIndex: 0,
      byteOffset: 4,
      bitrateBps: 1_000,
      endByte: 8,
    })
    swarm.verify(1)
    swarm.verify(2)
    await settle()
    expect(messages.at(-1)).toEqual({ type: 'end' })
  })

  it('[ST-4] a cancelled read stops waiting and sends nothing more', async () => {
    const swarm = fakeSwarm()
    const { messages, port } = serve(swarm.engine)({
      type: 'stream-read',
      swarmId: SWARM,
      fileIndex: 0,
      start: 0,
      length: 10,
    })
    await settle()
    port.postMessage({ type: 'cancel' })
    await settle()
    swarm.verify(0)
    await settle()
    expect(messages).toEqual([])
    expect(swarm.listeners.size).toBe(0)
  })

  it('[ST-3] a swarm removed mid-play fails the read', async () => {
    const swarm = fakeSwarm()
    const { messages } = serve(swarm.engine)({
      type: 'stream-read',
      swarmId: SWARM,
      fileIndex: 0,
      start: 0,
      length: 10,
    })
    await settle()
    swarm.remove()
    await settle()
    expect(messages).toEqual([{ type: 'failed', reason: 'removed' }])
  })

  it('[ST-1] says what a file is, or that the swarm is unknown', async () => {
    const swarm = fakeSwarm()
    const ask = serve(swarm.engine)
    const known = ask({ type: 'stream-info', swarmId: SWARM, fileIndex: 0 })
    const unknown = ask({ type: 'stream-info', swarmId: 'other', fileIndex: 0 })
    const file = ask({ type: 'stream-info', swarmId: SWARM, fileIndex: 3 })
    await settle()
    expect(known.messages).toEqual([{ ok: true, size: 10, mimeType: 'video/webm' }])
    expect(unknown.messages).toEqual([{ ok: false, reason: 'unknown-swarm' }])
    expect(file.messages).toEqual([{ ok: false, reason: 'unknown-file' }])
  })
})
