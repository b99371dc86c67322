import { useId } from 'react'
import { useTranslation } from 'react-i18next'

import en from '../../i18n/locales/en.json'

/** Props of RelayOnlyForm. */
export interface RelayOnlyFormProps {
  /** The user's choice. */
  readonly relayOnly: boolean
  /** Whether the tracker offers a relay; null until this tab has heard from it. */
  readonly relayAvailable: boolean | null
  readonly onChange: (relayOnly: boolean) => void
}

/** Why the box cannot be ticked, in words (SPEC NET-2), in English (the catalogue has both). */
export const NO_RELAY_REASON = en.settings.relay.unavailable

/**
 * "Hide my IP address": connect through the relay (TURN) server only, so neighbours never learn
 * this browser's addresses (SPEC NET-2). Disabled, with the reason, where there is no relay.
 */
export function RelayOnlyForm({ relayOnly, relayAvailable, onChange }: RelayOnlyFormProps) {
  const { t } = useTranslation()
  const hintId = useId()
  const unavailable = relayAvailable === false
  return (
    <div
      className="relay-only"
      data-testid="relay-only"
      data-relay-only={String(relayOnly && !unavailable)}
    >
      <label>
        <input
          type="checkbox"
          data-testid="relay-only-input"
          checked={relayOnly && !unavailable}
          disabled={unavailable}
          aria-describedby={hintId}
          onChange={(event) => onChange(event.target.checked)}
        />{' '}
        {t('settings.relay.label')}
      </label>{' '}
      <span id={hintId} className="small muted" data-testid="relay-only-hint">
        {unavailable ? t('settings.relay.unavailable') : t('settings.relay.hint')}
      </span>
    </div>
  )
}
