/**
 * Tick spacings for the throughput charts' axes. uPlot picks the smallest spacing that leaves
 * enough room between ticks; left to itself it picks fractions (0.2 s, 307 B/s), which the
 * labels round to the same text ("1 s 1 s 1 s", issue #17).
 */

/** Time axis, seconds: whole seconds only, so each tick has its own label. */
export const TIME_INCRS_S: readonly number[] = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200,
]

const STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500] as const

/**
 * Rate axis, bytes/s: 1-2-5 steps in B, KiB, MiB and GiB. formatBytes shows one decimal below 100
 * of a unit, so every multiple of these steps reads differently.
 */
export const RATE_INCRS_BPS: readonly number[] = [0, 1, 2, 3].flatMap((power) =>
  STEPS.map((step) => step * 1024 ** power),
)

/**
 * Tick labels with any label equal to the one before it blanked: a safety net, should a
 * spacing still round to a repeated text at some width.
 */
export function distinctLabels(labels: readonly string[]): string[] {
  return labels.map((label, index) => (index > 0 && labels[index - 1] === label ? '' : label))
}
