import type { DialAccount } from '@swarmdrop/engine'
import { DIAL_FAILURE_CODES } from '@swarmdrop/engine'
import { memo } from 'react'

import { dialFailureSummary } from '../../store/status-line.ts'

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
        <dt>Peers found</dt>
        <dd className="num">{dials.peersOffered}</dd>
      </div>
      <div>
        <dt>Failed connections</dt>
        <dd className="num">{dialFailureSummary(dials)}</dd>
      </div>
    </dl>
  )
})
