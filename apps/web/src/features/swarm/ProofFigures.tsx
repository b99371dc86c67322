import { memo } from 'react'

/** Props of ProofFigures. */
export interface ProofFiguresProps {
  readonly refused: { readonly proofFailed: number; readonly wrongPassword: number }
}

/**
 * Connections refused at the peer proof (SPEC PL-6): failed link checks (someone without the
 * link, or intercepting) and wrong passwords (PL-5). Hidden while there are none.
 */
export const ProofFigures = memo(function ProofFigures({ refused }: ProofFiguresProps) {
  if (refused.proofFailed === 0 && refused.wrongPassword === 0) {
    return null
  }
  return (
    <dl
      className="facts"
      data-testid="proof-figures"
      data-proof-failures={refused.proofFailed}
      data-wrong-passwords={refused.wrongPassword}
    >
      <div>
        <dt>Failed link checks</dt>
        <dd className="num">{refused.proofFailed}</dd>
      </div>
      <div>
        <dt>Wrong passwords</dt>
        <dd className="num">{refused.wrongPassword}</dd>
      </div>
    </dl>
  )
})
