import type { DialAccount, DialFailureCode } from '@swarmdrop/engine'
import { DIAL_FAILURE_CODES } from '@swarmdrop/engine'
import type { TFunction } from 'i18next'
import { memo } from 'react'
import { useTranslation } from 'react-i18next'

/** Each dial failure's catalogue entry: its cause in plain words (SPEC EN-12). */
const FAILURE_KEYS = {
  ERR_DIAL_TIMEOUT: 'swarm.dials.timeout',
  ERR_ICE_FAILED: 'swarm.dials.iceFailed',
  ERR_PEER_UNREACHABLE: 'swarm.dials.peerGone',
  ERR_DIAL_CLOSED: 'swarm.dials.closed',
  ERR_DIAL_OTHER: 'swarm.dials.other',
} as const satisfies Record<DialFailureCode, string>

/** "2 timed out, 1 peer gone", in DIAL_FAILURE_CODES order; "none" while no dial failed. */
export function dialFailureText(dials: DialAccount, t: TFunction): string {
  const parts = DIAL_FAILURE_CODES.filter((code) => dials.dialFailures[code] > 0).map((code) =>
    t(FAILURE_KEYS[code], { n: dials.dialFailures[code] }),
  )
  return parts.length === 0 ? t('swarm.dials.none') : parts.join(', ')
}

/** Props of DialFigures. */
export interface DialFiguresProps {
  /** Keeps its identity while the figures stay the same (applyStats), so renders are rare. */
  readonly dials: DialAccount
}

/**
 * Peers the tracker named and the dials that failed, by cause (SPEC EN-12): what tells a person
 * whether a network in between blocks the connections.
 */
export const DialFigures = memo(function DialFigures({ dials }: DialFiguresProps) {
  const { t } = useTranslation()
  const data = Object.fromEntries(
    DIAL_FAILURE_CODES.map((code) => [
      `data-${code.toLowerCase().replaceAll('_', '-')}`,
      dials.dialFailures[code],
    ]),
  )
  return (
    <dl
      className="facts"
      data-testid="dial-figures"
      data-peers-offered={dials.peersOffered}
      {...data}
    >
      <div>
        <dt>{t('swarm.dials.found')}</dt>
        <dd className="num">{dials.peersOffered}</dd>
      </div>
      <div>
        <dt>{t('swarm.dials.failed')}</dt>
        <dd className="num">{dialFailureText(dials, t)}</dd>
      </div>
    </dl>
  )
})
