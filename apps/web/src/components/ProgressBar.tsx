/** Props of ProgressBar. */
export interface ProgressBarProps {
  /** Integer percentage 0–100. */
  readonly percent: number
  readonly label: string
  readonly testId?: string
}

/** An accessible progress bar (role="progressbar" with integer aria values). */
export function ProgressBar({ percent, label, testId }: ProgressBarProps) {
  const value = Math.max(0, Math.min(100, Math.round(percent)))
  return (
    <div className="progress">
      <div
        className="progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value}
        aria-valuetext={`${value}%`}
        data-testid={testId}
      >
        <div className="progress-fill" style={{ width: `${value}%` }} />
      </div>
      <span className="progress-percent num">{value}%</span>
    </div>
  )
}
