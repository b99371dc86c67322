import { useState } from 'react'

import { useT } from '../../use-t.ts'

import { notificationPermission } from './done-notification.ts'

/**
 * "Tell me when it is done": asks for notification permission on this click, never on load
 * (SPEC UX-8). Hidden once the browser has answered.
 */
export function NotifyWhenDone() {
  const t = useT()
  const [permission, setPermission] = useState(notificationPermission)
  if (permission === 'unsupported' || permission === 'granted-before') {
    return null
  }
  if (permission === 'granted') {
    return (
      <p className="muted" role="status">
        {t('download.notifyOn')}
      </p>
    )
  }
  if (permission === 'denied') {
    return <p className="muted">{t('download.notifyDenied')}</p>
  }
  const ask = (): void => {
    void Notification.requestPermission().then((answer) =>
      setPermission(answer === 'default' ? 'default' : answer),
    )
  }
  return (
    <p>
      <button type="button" className="button" data-testid="notify-button" onClick={ask}>
        {t('download.notifyMe')}
      </button>
    </p>
  )
}
