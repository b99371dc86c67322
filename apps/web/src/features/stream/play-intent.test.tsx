import type { Engine, Playback } from '@swarmdrop/engine'
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { I18nextProvider } from 'react-i18next'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { createI18n } from '../../i18n/setup.ts'
import type { FileInfo } from '../../store/swarm-store.ts'
import { SWARM_A } from '../../test-support/engine-events.ts'

import { MediaPreview } from './MediaPreview.tsx'
import { createBitrateBook } from './bitrate-book.ts'
import { PlayIntentContext, createPlayIntent } from './play-intent.ts'

const VIDEO: FileInfo = {
  name: 'clip.webm',
  size: 1_000_000,
  mimeType: 'video/webm',
  pieceCount: 4,
}

/** An engine that only records the playbacks it is told, per swarm. */
function recordingEngine(): { engine: Engine; told: [string, Playback | null][] } {
  const told: [string, Playback | null][] = []
  const engine = {
    swarm: (swarmId: string) => ({
      setPlayback: (playback: Playback | null) => told.push([swarmId, playback]),
    }),
  } as unknown as Engine
  return { engine, told }
}

describe('play intent (SPEC ST-5)', () => {
  it('[ST-5] sets playback at byte 0 with the bitrate the player recorded', () => {
    const { engine, told } = recordingEngine()
    const bitrates = createBitrateBook()
    bitrates.record(SWARM_A, 0, 1_100_000)
    createPlayIntent({ engine: () => engine, bitrates, deadlines: true })(SWARM_A, 0)
    expect(told).toEqual([[SWARM_A, { fileIndex: 0, byteOffset: 0, bitrateBps: 1_100_000 }]])
  })

  it('[ST-8] a comparison policy without deadlines tells the engine nothing', () => {
    const { engine, told } = recordingEngine()
    const bitrates = createBitrateBook()
    createPlayIntent({ engine: () => engine, bitrates, deadlines: false })(SWARM_A, 0)
    expect(told).toEqual([])
  })

  describe('the player', () => {
    // jsdom has no service worker; the player shows only once one controls the page.
    beforeEach(() => {
      Object.defineProperty(navigator, 'serviceWorker', {
        configurable: true,
        value: { controller: {}, addEventListener() {}, removeEventListener() {} },
      })
    })
    afterEach(() => {
      cleanup()
      Reflect.deleteProperty(navigator, 'serviceWorker')
    })

    it('[ST-5] the first press on play says so once; a play after loading does not', () => {
      const intents: [string, number][] = []
      render(
        <I18nextProvider i18n={createI18n('en')}>
          <PlayIntentContext.Provider
            value={(swarmId, fileIndex) => intents.push([swarmId, fileIndex])}
          >
            <MediaPreview swarmId={SWARM_A} file={VIDEO} />
          </PlayIntentContext.Provider>
        </I18nextProvider>,
      )
      const player = screen.getByTestId('player') as HTMLVideoElement
      fireEvent.play(player)
      expect(intents).toEqual([[SWARM_A, 0]])
      // Resumed after a pause: the stream route's reads say where it is (ST-5).
      Object.defineProperty(player, 'readyState', { configurable: true, value: 4 })
      fireEvent.play(player)
      expect(intents).toEqual([[SWARM_A, 0]])
    })
  })
})
