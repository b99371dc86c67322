import { useState } from 'react'

import { useT } from '../../use-t.ts'

/** Props of NativeShareButton. */
export interface NativeShareButtonProps {
  readonly link: string
  readonly title: string
}

/** Whether this browser has a native share sheet (phones, some desktops). */
export const canShareNatively = (): boolean =>
  typeof navigator !== 'undefined' && 'share' in navigator

/** Opens the system share sheet with the link; absent where the browser has none. */
export function NativeShareButton({ link, title }: NativeShareButtonProps) {
  const t = useT()
  const [failed, setFailed] = useState(false)
  if (!canShareNatively()) {
    return null
  }
  const share = (): void => {
    setFailed(false)
    navigator
      .share({ title, text: t('share.nativeShareText', { name: title }), url: link })
      .catch((error: unknown) => {
        // Closing the sheet rejects with AbortError; that is a choice, not a failure.
        if (!(error instanceof DOMException && error.name === 'AbortError')) {
          setFailed(true)
        }
      })
  }
  return (
    <>
      <button type="button" className="button" data-testid="native-share" onClick={share}>
        {t('share.nativeShare')}
      </button>
      {failed ? (
        <span className="small error" role="status">
          {t('share.nativeShareFailed')}
        </span>
      ) : null}
    </>
  )
}
