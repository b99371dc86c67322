import { useId, useState } from 'react'
import type { FormEvent } from 'react'
import { useTranslation } from 'react-i18next'

import { useFormat } from '../../components/use-format.ts'

import { parseUploadLimitKib, uploadLimitInputValue } from './upload-limit.ts'

/** Props of UploadLimitForm. */
export interface UploadLimitFormProps {
  /** The cap in force, bytes/s (0 = unlimited). */
  readonly limitBps: number
  readonly onChange: (bytesPerSecond: number) => void
}

/** "Upload limit" in KiB/s, blank or 0 for unlimited; applied on Enter or the Set button. */
export function UploadLimitForm({ limitBps, onChange }: UploadLimitFormProps) {
  const { t } = useTranslation()
  const { rate } = useFormat()
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
      <label htmlFor={inputId}>{t('settings.upload.label')}</label>
      <input
        id={inputId}
        data-testid="upload-limit-input"
        className="upload-limit-input num"
        inputMode="numeric"
        placeholder={t('settings.upload.placeholder')}
        value={text}
        aria-describedby={hintId}
        aria-invalid={invalid}
        onChange={(event) => setText(event.target.value)}
      />
      <span className="small muted">{t('settings.upload.unit')}</span>
      <button type="submit" className="button">
        {t('settings.upload.set')}
      </button>
      <span id={hintId} className={invalid ? 'small error' : 'small muted'} role="status">
        {invalid
          ? t('settings.upload.invalid')
          : limitBps > 0
            ? t('settings.upload.limited', { rate: rate(limitBps) })
            : t('settings.upload.unlimited')}
      </span>
    </form>
  )
}
