/**
 * The minimum distribution times of a file of `fileBytes` (Kurose & Ross): no scheme beats
 * D_p2p = max(F/u_s, F/d_min, N·F/(u_s + Σu_i)); a server alone needs D_cs = max(N·F/u_s, F/d_min).
 * Rates are bytes/s, results seconds; an unlimited download (0 or Infinity) drops that term.
 */
export interface BoundInput {
  readonly fileBytes: number
  readonly serverUploadBps: number
  readonly peerUploadBps: readonly number[]
  /** Slowest peer download rate; 0 or Infinity = not a constraint. */
  readonly minDownloadBps: number
}

const downloadTerm = (input: BoundInput): number =>
  input.minDownloadBps > 0 && Number.isFinite(input.minDownloadBps)
    ? input.fileBytes / input.minDownloadBps
    : 0

/** Lower bound on peer-to-peer distribution time, seconds. */
export function p2pBound(input: BoundInput): number {
  const n = input.peerUploadBps.length
  const total = input.serverUploadBps + input.peerUploadBps.reduce((a, b) => a + b, 0)
  return Math.max(
    input.fileBytes / input.serverUploadBps,
    downloadTerm(input),
    (n * input.fileBytes) / total,
  )
}

/** Lower bound on client–server distribution time, seconds. */
export function clientServerBound(input: BoundInput): number {
  const n = input.peerUploadBps.length
  return Math.max((n * input.fileBytes) / input.serverUploadBps, downloadTerm(input))
}
