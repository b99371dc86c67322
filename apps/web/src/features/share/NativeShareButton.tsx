import { useState } from 'react'

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
  const [failed, setFailed] = useState(false)
  if (!canShareNatively()) {
    return null
  }
  const share = (): void => {
    setFailed(false)
    navigator
      .share({ title, text: `Download ${title} with Swarmdrop`, url: link })
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
        Share…
      </button>
      {failed ? (
        <span className="small error" role="status">
          The share sheet did not open; copy the link instead.
        </span>
      ) : null}
    </>
  )
}
