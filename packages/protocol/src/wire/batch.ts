import { readU32 } from '../bytes.ts'

/**
 * Largest data-channel message a transport sends (SPEC WR-1): Chromium's
 * `RTCSctpTransport.maxMessageSize`, which libwebrtc in Node (@roamhq/wrtc) shares.
 */
export const MAX_MESSAGE_BYTES = 256 * 1024

const LENGTH_PREFIX_BYTES = 4

/**
 * Packs frames, in order, into as few messages of at most `maxBytes` as a greedy pass allows
 * (SPEC WR-1). A group of one frame is that frame itself, not a copy, so a lone block costs no
 * extra copy; a frame longer than `maxBytes` travels alone (the codec bounds it, WR-4).
 * @param frames whole frames, length prefixes included
 * @returns the messages to send, in order
 */
export function packFrames(
  frames: readonly Uint8Array[],
  maxBytes: number = MAX_MESSAGE_BYTES,
): Uint8Array[] {
  const messages: Uint8Array[] = []
  let start = 0
  while (start < frames.length) {
    let end = start
    let bytes = 0
    while (end < frames.length) {
      const next = (frames[end] as Uint8Array).length
      if (end > start && bytes + next > maxBytes) {
        break
      }
      bytes += next
      end++
    }
    if (end - start === 1) {
      messages.push(frames[start] as Uint8Array)
    } else {
      const message = new Uint8Array(bytes)
      let at = 0
      for (let i = start; i < end; i++) {
        const frame = frames[i] as Uint8Array
        message.set(frame, at)
        at += frame.length
      }
      messages.push(message)
    }
    start = end
  }
  return messages
}

/**
 * Calls `onFrame` with each frame of one message, in order, as views into `message` (nothing is
 * copied; SPEC WR-1). Bytes that do not make a whole frame — a cut length prefix or a prefix that
 * runs past the end — are handed on as one last frame, so that the decoder rejects them (WR-4)
 * rather than this function guessing.
 * @returns how many frames were handed on
 */
export function forEachFrame(message: Uint8Array, onFrame: (frame: Uint8Array) => void): number {
  let at = 0
  let count = 0
  while (at < message.length) {
    const left = message.length - at
    const end =
      left < LENGTH_PREFIX_BYTES ? message.length : at + LENGTH_PREFIX_BYTES + readU32(message, at)
    if (end > message.length) {
      onFrame(message.subarray(at))
      return count + 1
    }
    onFrame(at === 0 && end === message.length ? message : message.subarray(at, end))
    count++
    at = end
  }
  return count
}
