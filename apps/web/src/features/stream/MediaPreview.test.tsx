import { cleanup, render, screen } from '@testing-library/react'
import { I18nextProvider } from 'react-i18next'
import { afterEach, describe, expect, it } from 'vitest'

import { createI18n } from '../../i18n/setup.ts'
import type { FileInfo } from '../../store/swarm-store.ts'
import { SWARM_A } from '../../test-support/engine-events.ts'

import { MediaPreview } from './MediaPreview.tsx'

afterEach(cleanup)

const VIDEO: FileInfo = {
  name: 'clip.webm',
  size: 1_000_000,
  mimeType: 'video/webm',
  pieceCount: 4,
}

function show(stopped: string | null, language: 'en' | 'ko' = 'en') {
  return render(
    <I18nextProvider i18n={createI18n(language)}>
      <MediaPreview swarmId={SWARM_A} file={VIDEO} stopped={stopped} />
    </I18nextProvider>,
  )
}

describe('MediaPreview', () => {
  it('[ST-3][ST-9] a swarm that left the tab for good shows why where the player was, and no player', () => {
    show('clip.webm was removed from this browser in another tab.')
    expect(screen.queryByTestId('player')).toBeNull()
    expect(screen.getByTestId('player-error').textContent).toBe(
      'Playback stopped: clip.webm was removed from this browser in another tab.',
    )
  })

  it('[ST-9][LANG-1] says it in Korean too', () => {
    show('다른 탭에서 clip.webm을(를) 이 브라우저에서 삭제했어요.', 'ko')
    expect(screen.getByTestId('player-error').textContent).toBe(
      '재생이 멈췄어요: 다른 탭에서 clip.webm을(를) 이 브라우저에서 삭제했어요.',
    )
  })

  it('[ST-9] a running swarm shows no stop message', () => {
    show(null)
    expect(screen.queryByTestId('player-error')).toBeNull()
  })
})
