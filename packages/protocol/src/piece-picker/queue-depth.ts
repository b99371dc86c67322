/** Seconds of a neighbour's measured rate we keep requested ahead (libtorrent's default: 3). */
export const REQUEST_QUEUE_SECONDS = 3
/** Upper bound on requests in flight to one neighbour, whatever its rate. */
export const MAX_PIPELINE_DEPTH = 256

/** The facts the request queue depth is decided from. */
export interface QueueDepthInput {
  /** The neighbour's measured download rate to us, bytes/s. */
  readonly rateBps: number
  readonly blockSize: number
  /** The configured least depth (EngineConfig.pipelineDepth). */
  readonly minDepth: number
  /** SPEC PP-5: a snubbed neighbour gets one request at a time. */
  readonly snubbed: boolean
}

/**
 * SPEC PP-4: how many requests to keep in flight to one neighbour: enough to cover
 * REQUEST_QUEUE_SECONDS of its measured rate (libtorrent's request_queue_time), never fewer than
 * `minDepth` (a fixed depth starves a fast or far neighbour between round trips), never more than
 * MAX_PIPELINE_DEPTH; one for a snubbed neighbour (SPEC PP-5).
 */
export function requestQueueDepth(input: QueueDepthInput): number {
  if (input.snubbed) {
    return 1
  }
  const byRate = Math.ceil((input.rateBps * REQUEST_QUEUE_SECONDS) / input.blockSize)
  return Math.min(MAX_PIPELINE_DEPTH, Math.max(input.minDepth, byRate))
}
