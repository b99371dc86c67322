import { useEffect, useState } from 'react'

import { copyText } from './copy-text.ts'
import { useT } from '../../use-t.ts'

/** How long "Copied" stays before the button reads "Copy link" again. */
const CONFIRMATION_MS = 2_000

/** Props of CopyButton. */
export interface CopyButtonProps {
  readonly text: string
}

/** Copies `text`, then confirms ("Copied") or says to copy by hand. */
export function CopyButton({ text }: CopyButtonProps) {
  const t = useT()
  const [result, setResult] = useState<'idle' | 'copied' | 'failed'>('idle')

  useEffect(() => {
    if (result !== 'copied') {
      return
    }
    const timer = setTimeout(() => setResult('idle'), CONFIRMATION_MS)
    return () => clearTimeout(timer)
  }, [result])

  const copy = (): void => {
    void copyText(text).then((ok) => setResult(ok ? 'copied' : 'failed'))
  }

  return (
    <>
      <button type="button" className="button primary" onClick={copy}>
        {result === 'copied' ? t('share.copied') : t('share.copy')}
      </button>
      <span className="copy-feedback" role="status">
        {result === 'copied' ? t('share.copiedNote') : null}
        {result === 'failed' ? t('share.copyFailed') : null}
      </span>
    </>
  )
}
