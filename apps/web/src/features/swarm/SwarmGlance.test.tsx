import { cleanup, render, screen, within } from '@testing-library/react'
import { I18nextProvider } from 'react-i18next'
import { afterEach, describe, expect, it } from 'vitest'

import { createI18n } from '../../i18n/setup.ts'

import type { GlanceFigures } from './SwarmGlance.tsx'
import { SwarmGlance } from './SwarmGlance.tsx'

afterEach(cleanup)

const NO_BOUND = { seedMs: null, downloadMs: null, swarmMs: null, boundMs: null }
const FIGURES: GlanceFigures = {
  seeders: 1,
  leechers: 1,
  neighbours: 1,
  direct: 1,
  relayed: 0,
  shareRatio: 0,
  etaMs: null,
  elapsedMs: 3_000,
  complete: true,
  seeding: true,
  bound: NO_BOUND,
}

const glance = (figures: GlanceFigures, language: 'en' | 'ko' = 'en') => {
  render(
    <I18nextProvider i18n={createI18n(language)}>
      <SwarmGlance figures={figures} tracker="connected" uploadedBytes={0} />
    </I18nextProvider>,
  )
  return screen.getByTestId('swarm-glance')
}

/** The <dd> under a <dt> of the given text, or null when the row is absent. */
const valueOf = (list: HTMLElement, term: string): string | null => {
  const dt = within(list)
    .queryAllByText(term)
    .find((node) => node.tagName === 'DT')
  return dt?.nextElementSibling?.textContent ?? null
}

describe('SwarmGlance', () => {
  it('[SP-2] a seeder that sent nothing yet reads "nothing yet", never "0.00 copies"', () => {
    const list = glance(FIGURES)
    expect(valueOf(list, 'Sent so far')).toBe('nothing yet')
    expect(list.textContent).not.toMatch(/copies|0\.00/)
  })

  it('[SP-2] a seeder that sent one and a half files reads "1.5 × the file"', () => {
    expect(valueOf(glance({ ...FIGURES, shareRatio: 1.5 }), 'Sent so far')).toBe('1.5 × the file')
  })

  it('[SP-2] "time left" shows only while downloading, and never invents a figure', () => {
    expect(valueOf(glance(FIGURES), 'Time left')).toBeNull()
    cleanup()
    const finished = glance({ ...FIGURES, seeding: false, shareRatio: 0.25 })
    expect(valueOf(finished, 'Time left')).toBeNull()
    expect(valueOf(finished, 'Took')).toBe('3.0 s')
    expect(valueOf(finished, 'Share ratio')).toBe('0.25')
    cleanup()
    const downloading = glance({ ...FIGURES, seeding: false, complete: false })
    expect(valueOf(downloading, 'Time left')).toBe('not known yet')
    cleanup()
    expect(
      valueOf(glance({ ...FIGURES, seeding: false, complete: false, etaMs: 75_000 }), 'Time left'),
    ).toBe('1 min 15 s')
  })

  it('[LANG-1] [LANG-5] reads in Korean, plurals and durations included', () => {
    const list = glance(
      { ...FIGURES, seeders: 2, seeding: false, complete: false, etaMs: 75_000 },
      'ko',
    )
    expect(valueOf(list, '스웜 크기')).toBe('시더 2명, 리처 1명')
    expect(valueOf(list, '남은 시간')).toBe('1분 15초')
    expect(valueOf(list, '트래커')).toBe('연결됨')
  })
})
