/**
 * Polls `check` every `intervalMs` of wall-clock time, for tests over real WebRTC, where nothing
 * can be advanced by hand.
 * @returns whether it held within `timeoutMs`
 */
export async function until(
  check: () => boolean,
  timeoutMs: number,
  intervalMs = 50,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) {
      return false
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
  return true
}
