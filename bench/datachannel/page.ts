// Runs inside each bench tab. The runner (run.mjs) relays signals between the two tabs and times
// a one-way transfer. All three flavours use the same flow control (the engine's): send while
// bufferedAmount <= HIGH_WATER_MARK_BYTES, else wait for `bufferedamountlow` at LOW_WATER_MARK_BYTES.
import ThaunknownPeer from '@thaunknown/simple-peer'
// simple-peer 9's package entry needs Node's `events`, `process` and `Buffer`; its own browserify
// build carries those shims, and is what a browser app would load.
import SimplePeer9 from 'simple-peer/simplepeer.min.js'

type Flavour = 'raw' | 'simple-peer' | 'thaunknown'

interface BenchChannel {
  send(bytes: Uint8Array<ArrayBuffer>): void
  readonly bufferedAmount: number
  readonly dataChannel: RTCDataChannel
  onMessage(callback: (byteLength: number) => void): void
  close(): void
}

interface PeerLike {
  signal(data: unknown): void
  send(bytes: Uint8Array): void
  destroy(): void
  on(event: string, callback: (arg: never) => void): void
  readonly _channel: RTCDataChannel
}
type PeerConstructor = new (options: Record<string, unknown>) => PeerLike

const HIGH_WATER_MARK_BYTES = 1024 * 1024
const LOW_WATER_MARK_BYTES = 256 * 1024

declare global {
  interface Window {
    bench: typeof bench
    benchSignal(data: string): Promise<void>
  }
}

let channel: BenchChannel | null = null
let deliverSignal: ((data: unknown) => void) | null = null
let arrival: Promise<void> | null = null

const emitSignal = (data: unknown): void => {
  void window.benchSignal(JSON.stringify(data))
}

function connectRaw(initiator: boolean): Promise<BenchChannel> {
  const pc = new RTCPeerConnection({ iceServers: [] })
  const pendingCandidates: RTCIceCandidateInit[] = []
  let remoteSet = false
  pc.onicecandidate = (event) => {
    if (event.candidate) {
      emitSignal({ candidate: event.candidate.toJSON() })
    }
  }
  deliverSignal = (data) => {
    const message = data as { sdp?: RTCSessionDescriptionInit; candidate?: RTCIceCandidateInit }
    void (async () => {
      if (message.sdp) {
        await pc.setRemoteDescription(message.sdp)
        remoteSet = true
        for (const candidate of pendingCandidates.splice(0)) {
          await pc.addIceCandidate(candidate)
        }
        if (message.sdp.type === 'offer') {
          await pc.setLocalDescription(await pc.createAnswer())
          emitSignal({ sdp: pc.localDescription?.toJSON() })
        }
      } else if (message.candidate) {
        if (remoteSet) {
          await pc.addIceCandidate(message.candidate)
        } else {
          pendingCandidates.push(message.candidate)
        }
      }
    })()
  }
  const wrap = (dc: RTCDataChannel): BenchChannel => {
    dc.binaryType = 'arraybuffer'
    return {
      send: (bytes) => dc.send(bytes),
      get bufferedAmount() {
        return dc.bufferedAmount
      },
      dataChannel: dc,
      onMessage: (callback) => {
        dc.onmessage = (event: MessageEvent<ArrayBuffer>) => callback(event.data.byteLength)
      },
      close: () => pc.close(),
    }
  }
  return new Promise((resolve) => {
    if (initiator) {
      const dc = pc.createDataChannel('bench')
      dc.onopen = () => resolve(wrap(dc))
      void (async () => {
        await pc.setLocalDescription(await pc.createOffer())
        emitSignal({ sdp: pc.localDescription?.toJSON() })
      })()
    } else {
      pc.ondatachannel = (event) => {
        event.channel.onopen = () => resolve(wrap(event.channel))
      }
    }
  })
}

function connectSimplePeer(Peer: PeerConstructor, initiator: boolean): Promise<BenchChannel> {
  const peer = new Peer({ initiator, config: { iceServers: [] }, objectMode: true })
  peer.on('signal', (data: never) => emitSignal(data))
  deliverSignal = (data) => peer.signal(data)
  return new Promise((resolve, reject) => {
    peer.on('error', (error: never) => reject(error as Error))
    peer.on('connect', () =>
      resolve({
        send: (bytes) => peer.send(bytes),
        get bufferedAmount() {
          return peer._channel.bufferedAmount
        },
        dataChannel: peer._channel,
        onMessage: (callback) =>
          peer.on('data', (data: never) => callback((data as Uint8Array).byteLength)),
        close: () => peer.destroy(),
      }),
    )
  })
}

const bench = {
  async connect(flavour: Flavour, initiator: boolean): Promise<void> {
    channel?.close()
    channel =
      flavour === 'raw'
        ? await connectRaw(initiator)
        : await connectSimplePeer(
            (flavour === 'simple-peer' ? SimplePeer9 : ThaunknownPeer) as PeerConstructor,
            initiator,
          )
    channel.dataChannel.bufferedAmountLowThreshold = LOW_WATER_MARK_BYTES
  },

  signal(data: string): void {
    deliverSignal?.(JSON.parse(data))
  },

  /** Starts counting; `done()` settles once `totalBytes` have arrived. */
  expect(totalBytes: number): void {
    const current = channel
    if (!current) {
      throw new Error('not connected')
    }
    let received = 0
    arrival = new Promise((resolve) => {
      current.onMessage((byteLength) => {
        received += byteLength
        if (received >= totalBytes) {
          resolve()
        }
      })
    })
  },

  done(): Promise<void> | null {
    return arrival
  },

  async send(totalBytes: number, messageBytes: number): Promise<void> {
    const current = channel
    if (!current) {
      throw new Error('not connected')
    }
    const message = new Uint8Array(messageBytes).fill(0xa5)
    const drained = (): Promise<void> =>
      new Promise((resolve) =>
        current.dataChannel.addEventListener('bufferedamountlow', () => resolve(), { once: true }),
      )
    for (let sent = 0; sent < totalBytes; sent += messageBytes) {
      if (current.bufferedAmount > HIGH_WATER_MARK_BYTES) {
        await drained()
      }
      current.send(message)
    }
  },

  close(): void {
    channel?.close()
    channel = null
  },
}

window.bench = bench
