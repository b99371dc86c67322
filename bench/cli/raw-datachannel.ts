/**
 * Raw data-channel throughput between two RTCPeerConnections in this process, over loopback, for
 * a Node WebRTC stack (`@roamhq/wrtc` or `werift`): one ordered channel, 64 KiB messages, and the
 * engine's flow control (stop above 1 MiB buffered, resume at the low-water mark). The ceiling
 * that bench:cli's CLI→CLI goodput is compared against.
 */

/** The W3C-shaped surface both stacks offer (werift adds its own event objects beside it). */
interface AnyPeerConnection {
  createDataChannel(label: string, options?: object): AnyChannel
  createOffer(): Promise<object>
  createAnswer(): Promise<object>
  setLocalDescription(description: object): Promise<unknown>
  setRemoteDescription(description: object): Promise<unknown>
  readonly localDescription: { type: string; sdp: string } | null
  readonly iceGatheringState: string
  onicegatheringstatechange?: (() => void) | null
  iceGatheringStateChange?: { subscribe(cb: (state: string) => void): unknown }
  ondatachannel: ((event: { channel: AnyChannel }) => void) | null
  close(): void
}

interface AnyChannel {
  binaryType?: string
  readonly bufferedAmount: number
  bufferedAmountLowThreshold: number
  readonly readyState: string
  onopen: (() => void) | null | undefined
  onmessage: ((event: { data: unknown }) => void) | null | undefined
  onbufferedamountlow?: (() => void) | null
  bufferedAmountLow?: { subscribe(cb: () => void): unknown }
  send(data: Uint8Array): void
}

/** A Node WebRTC stack under test. */
export interface WebRtcStack {
  readonly name: string
  readonly RTCPeerConnection: new (config: object) => unknown
}

const MESSAGE_BYTES = 64 * 1024
const HIGH_WATER_BYTES = 1024 * 1024
const LOW_WATER_BYTES = 256 * 1024

function gathered(pc: AnyPeerConnection): Promise<void> {
  return new Promise((resolve) => {
    if (pc.iceGatheringState === 'complete') {
      resolve()
      return
    }
    if (pc.iceGatheringStateChange !== undefined) {
      pc.iceGatheringStateChange.subscribe((state) => state === 'complete' && resolve())
    } else {
      pc.onicegatheringstatechange = () => pc.iceGatheringState === 'complete' && resolve()
    }
  })
}

function byteLength(data: unknown): number {
  if (data instanceof ArrayBuffer) {
    return data.byteLength
  }
  if (ArrayBuffer.isView(data)) {
    return data.byteLength
  }
  return String(data).length
}

/** Sends `totalBytes` over a fresh connection pair of `stack`; resolves with MiB/s. */
export async function rawThroughput(stack: WebRtcStack, totalBytes: number): Promise<number> {
  const a = new stack.RTCPeerConnection({ iceServers: [] }) as AnyPeerConnection
  const b = new stack.RTCPeerConnection({ iceServers: [] }) as AnyPeerConnection
  try {
    const channel = a.createDataChannel('bench', { ordered: true })
    channel.binaryType = 'arraybuffer'
    const received = new Promise<void>((resolve) => {
      let got = 0
      b.ondatachannel = ({ channel: incoming }) => {
        incoming.binaryType = 'arraybuffer'
        incoming.onmessage = ({ data }) => {
          got += byteLength(data)
          if (got >= totalBytes) {
            resolve()
          }
        }
      }
    })
    const opened = new Promise<void>((resolve) => {
      channel.onopen = () => resolve()
    })
    await a.setLocalDescription(await a.createOffer())
    await gathered(a)
    await b.setRemoteDescription(a.localDescription as object)
    await b.setLocalDescription(await b.createAnswer())
    await gathered(b)
    await a.setRemoteDescription(b.localDescription as object)
    await opened

    channel.bufferedAmountLowThreshold = LOW_WATER_BYTES
    let low: () => void = () => undefined
    const onLow = (): void => low()
    if (channel.bufferedAmountLow !== undefined) {
      channel.bufferedAmountLow.subscribe(onLow)
    } else {
      channel.onbufferedamountlow = onLow
    }
    const message = new Uint8Array(MESSAGE_BYTES).fill(7)
    const started = performance.now()
    let sent = 0
    while (sent < totalBytes) {
      if (channel.bufferedAmount > HIGH_WATER_BYTES) {
        // The low-water event, or a 2 ms poll: @roamhq/wrtc does not always fire the event.
        await new Promise<void>((resolve) => {
          const poll = setInterval(() => {
            if (channel.bufferedAmount <= LOW_WATER_BYTES) {
              clearInterval(poll)
              resolve()
            }
          }, 2)
          low = () => {
            clearInterval(poll)
            resolve()
          }
        })
        continue
      }
      // werift wants a Buffer; a Buffer is a Uint8Array for wrtc too.
      channel.send(Buffer.from(message.buffer, 0, Math.min(MESSAGE_BYTES, totalBytes - sent)))
      sent += MESSAGE_BYTES
    }
    await received
    return totalBytes / (1024 * 1024) / ((performance.now() - started) / 1000)
  } finally {
    a.close()
    b.close()
  }
}
