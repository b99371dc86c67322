/**
 * jsdom has no canvas and logs "Not implemented" when asked for one. The UI already handles a
 * null context (it draws nothing), so tests make getContext say null quietly.
 */
export function quietCanvas(): void {
  HTMLCanvasElement.prototype.getContext = (() =>
    null) as typeof HTMLCanvasElement.prototype.getContext
}
