import { useId, useState } from 'react'
import type { FormEvent } from 'react'

import { formatRate } from '../../components/format.ts'

import { parseUploadLimitKib, uploadLimitInputValue } from './upload-limit.ts'

/** Props of UploadLimitForm. */
export interface UploadLimitFormProps {
  /** The cap in force, bytes/s (0 = unlimited). */
  readonly limitBps: number
  readonly onChange: (bytesPerSecond: number) => void
}

/** "Upload limit" in KiB/s, blank or 0 for unlimited; applied on Enter or the Set button. */
export function UploadLimitForm({ limitBps, onChange }: UploadLimitFormProps) {
  const inputId = useId()
  const hintId = useId()
  const [text, setText] = useState(() => uploadLimitInputValue(limitBps))
  const [invalid, setInvalid] = useState(false)

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault()
    const bps = parseUploadLimitKib(text)
    setInvalid(bps === null)
    if (bps !== null) {
      onChange(bps)
      setText(uploadLimitInputValue(bps))
    }
  }

  return (
    <form
      className="upload-limit"
      data-testid="upload-limit"
      data-bps={limitBps}
      onSubmit={submit}
      noValidate
    >
      <label htmlFor={inputId}>Upload limit</label>
      <input
        id={inputId}
        data-testid="upload-limit-input"
        className="upload-limit-input num"
        inputMode="numeric"
        placeholder="unlimited"
        value={text}
        aria-describedby={hintId}
        aria-invalid={invalid}
        onChange={(event) => setText(event.target.value)}
      />
      <span className="small muted">KiB/s</span>
      <button type="submit" className="button">
        Set
      </button>
      <span id={hintId} className={invalid ? 'small error' : 'small muted'} role="status">
        {invalid
          ? 'Enter a whole number of KiB/s, or leave it blank for no limit.'
          : limitBps > 0
            ? `Uploading at most ${formatRate(limitBps)}.`
            : 'No limit: blank or 0.'}
      </span>
    </form>
  )
}
