import { useId, useState } from 'react'
import type { FormEvent } from 'react'

import { routeOf } from '../../routes.ts'
import { useT } from '../../use-t.ts'

/**
 * The fragment of a pasted share link, or of a bare fragment; null when it holds none.
 * Only the fragment matters (SPEC MD-2): a link from another Swarmdrop opens here too.
 */
export function fragmentOfPasted(text: string): string | null {
  const trimmed = text.trim()
  const at = trimmed.indexOf('#')
  if (at === -1) {
    return null
  }
  const fragment = trimmed.slice(at)
  return fragment.length > 1 ? fragment : null
}

/** A field on the home page to paste a link someone sent (SPEC UX-7). */
export function OpenLinkForm() {
  const t = useT()
  const inputId = useId()
  const errorId = useId()
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)
  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault()
    const fragment = fragmentOfPasted(text)
    const route = fragment === null ? null : routeOf(fragment)
    if (fragment === null || route?.kind !== 'download') {
      setError(t('share.openLinkBad'))
      return
    }
    setError(null)
    window.location.hash = fragment
  }
  return (
    <section className="card" aria-labelledby={`${inputId}-title`}>
      <h2 id={`${inputId}-title`}>{t('share.openLinkTitle')}</h2>
      <form className="open-link" onSubmit={submit}>
        <label htmlFor={inputId}>{t('share.openLinkLabel')}</label>
        <div className="share-row">
          <input
            id={inputId}
            className="text-input"
            type="url"
            inputMode="url"
            autoComplete="off"
            data-testid="open-link-input"
            value={text}
            aria-invalid={error !== null}
            aria-describedby={error === null ? undefined : errorId}
            onChange={(event) => setText(event.target.value)}
          />
          <button type="submit" className="button" data-testid="open-link-button">
            {t('share.openLinkButton')}
          </button>
        </div>
        {error === null ? null : (
          <p id={errorId} className="error" role="alert">
            {error}
          </p>
        )}
      </form>
    </section>
  )
}
