import { memo } from 'react'
import { useTranslation } from 'react-i18next'

/** Props of ProofFigures. */
export interface ProofFiguresProps {
  readonly refused: { readonly proofFailed: number; readonly wrongPassword: number }
}

/**
 * Connections refused at the peer proof (SPEC PL-6): failed link checks (someone without the
 * link, or intercepting) and wrong passwords (PL-5). Hidden while there are none.
 */
export const ProofFigures = memo(function ProofFigures({ refused }: ProofFiguresProps) {
  const { t } = useTranslation()
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
        <dt>{t('swarm.proof.failedChecks')}</dt>
        <dd className="num">{refused.proofFailed}</dd>
      </div>
      <div>
        <dt>{t('swarm.proof.wrongPasswords')}</dt>
        <dd className="num">{refused.wrongPassword}</dd>
      </div>
    </dl>
  )
})
