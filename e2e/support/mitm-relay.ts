/**
 * A man in the middle on the signalling path (issue #13, SPEC PL-4, PL-6): fed every signal the
 * tracker would relay, it answers each offer itself with its own @roamhq/wrtc RTCPeerConnection
 * (leg "to offerer"), makes its own offer to the other peer in the offerer's name (leg "to
 * answerer"), and pipes data-channel messages between the two legs both ways, recording each one.
 * Each browser then has a working DTLS connection — to the relay. Dial requests pass untouched.
 *
 * This tracks: 1. one split per pair of peers in a swarm (a new offer replaces the old split);
 * 2. every message it forwarded, in order, with its direction.
 */
import { createRequire } from 'node:module'

import type * as Wrtc from '@roamhq/wrtc'

import type { RoutedSignal } from '../../apps/tracker/src/socket-handlers.ts'
import { forEachFrame } from '../../packages/protocol/src/wire/batch.ts'

// A CommonJS addon: required, since an ES import of it yields only `default` under Playwright.
const wrtc = createRequire(import.meta.url)('@roamhq/wrtc') as typeof Wrtc

/** One data-channel message the relay carried, as it saw it. */
export interface RecordedMessage {
  /** `from` → `to` are the two browsers' tracker peer ids. */
  readonly from: string
  readonly to: string
  /** Which end of the split `to` is: the browser that made the offer, or the other one. */
  readonly towards: 'offerer' | 'answerer'
  readonly bytes: Buffer
}

/**
 * What simple-peer (both browsers' WebRTC wrapper) puts in a transport signal's `data`:
 * `{type:'offer'|'answer', sdp}` or `{type:'candidate', candidate:{candidate, sdpMLineIndex, sdpMid}}`.
 */
type PeerSignal = Readonly<Record<string, unknown>>

interface TransportSignal {
  readonly kind: 'signal' | 'renegotiate' | 'dial-request'
  readonly data?: PeerSignal
}

/** One of the relay's two connections of a split, towards one browser. */
interface Leg {
  /** The browser this leg faces. */
  readonly role: 'offerer' | 'answerer'
  /** We closed it ourselves. */
  destroyed: boolean
  readonly pc: RTCPeerConnection
  channel: RTCDataChannel | null
  /** Messages from the other browser waiting for this leg's channel to open. */
  readonly queue: Uint8Array<ArrayBuffer>[]
  /** Candidates and descriptions are applied in arrival order, one at a time. */
  work: Promise<void>
}

interface Split {
  readonly offerer: string
  readonly answerer: string
  readonly toOfferer: Leg
  readonly toAnswerer: Leg
}

type Deliver = (signal: RoutedSignal) => void

const asTransportSignal = (data: unknown): TransportSignal | null =>
  typeof data === 'object' && data !== null && 'kind' in data ? (data as TransportSignal) : null

/** A hostile relay that splits every connection the tracker signals; see the module header. */
export class MitmRelay {
  readonly recorded: RecordedMessage[] = []
  /** How many offers it answered itself. */
  offersAnswered = 0
  /** Legs whose browser closed the channel, by the role of that browser (not those we closed). */
  readonly closedBy = { offerer: 0, answerer: 0 }
  /** Messages for which this says true are recorded but not passed on (a relay sitting on them). */
  withhold: (message: RecordedMessage) => boolean = () => false
  readonly #splits = new Map<string, Split>()
  readonly #errors: unknown[] = []

  /** How many of its legs have an open data channel. */
  get legsOpen(): number {
    let open = 0
    for (const split of this.#splits.values()) {
      for (const leg of [split.toOfferer, split.toAnswerer]) {
        open += leg.channel?.readyState === 'open' ? 1 : 0
      }
    }
    return open
  }

  /** Errors the relay's own WebRTC calls threw (a broken relay would prove nothing). */
  get errors(): readonly unknown[] {
    return this.#errors
  }

  /** The tracker's interceptSignal hook. */
  readonly intercept = (signal: RoutedSignal, deliver: Deliver): void => {
    try {
      this.#intercept(signal, deliver)
    } catch (error) {
      // The tracker would swallow it as a failed handler; the test must see it.
      this.#errors.push(error)
    }
  }

  /** Closes every connection it made. */
  destroy(): void {
    for (const key of [...this.#splits.keys()]) {
      this.#destroySplit(key)
    }
  }

  #intercept(signal: RoutedSignal, deliver: Deliver): void {
    const transport = asTransportSignal(signal.data)
    if (transport === null || transport.kind === 'dial-request' || transport.data === undefined) {
      deliver(signal)
      return
    }
    const key = `${signal.swarmId}:${[signal.from, signal.to].sort().join(':')}`
    const data = transport.data
    if (
      transport.kind === 'signal' &&
      data['type'] === 'offer' &&
      typeof data['sdp'] === 'string'
    ) {
      this.#destroySplit(key)
      this.#splits.set(key, this.#split(signal, { type: 'offer', sdp: data['sdp'] }, deliver))
      return
    }
    const split = this.#splits.get(key)
    if (split === undefined) {
      return
    }
    // The offerer talks to our answering leg; the answerer to our offering leg.
    this.#apply(signal.from === split.offerer ? split.toOfferer : split.toAnswerer, data)
  }

  #split(signal: RoutedSignal, offer: { type: 'offer'; sdp: string }, deliver: Deliver): Split {
    this.offersAnswered += 1
    const { swarmId, from: offerer, to: answerer } = signal
    // Each leg's signals reach its browser as if the other browser had sent them.
    const toOfferer = this.#leg('offerer', (data) =>
      deliver({ swarmId, from: answerer, to: offerer, data: { kind: 'signal', data } }),
    )
    const toAnswerer = this.#leg('answerer', (data) =>
      deliver({ swarmId, from: offerer, to: answerer, data: { kind: 'signal', data } }),
    )
    const split = { offerer, answerer, toOfferer, toAnswerer }
    toOfferer.pc.ondatachannel = (event) =>
      this.#pipe(event.channel, toOfferer, toAnswerer, { from: offerer, to: answerer })
    this.#pipe(toAnswerer.pc.createDataChannel('relay'), toAnswerer, toOfferer, {
      from: answerer,
      to: offerer,
    })

    this.#step(toOfferer, async () => {
      await toOfferer.pc.setRemoteDescription(offer)
      const answer = await toOfferer.pc.createAnswer()
      await toOfferer.pc.setLocalDescription(answer)
      deliver({
        swarmId,
        from: answerer,
        to: offerer,
        data: { kind: 'signal', data: { type: 'answer', sdp: answer.sdp } },
      })
    })
    this.#step(toAnswerer, async () => {
      const own = await toAnswerer.pc.createOffer()
      await toAnswerer.pc.setLocalDescription(own)
      deliver({
        swarmId,
        from: offerer,
        to: answerer,
        data: { kind: 'signal', data: { type: 'offer', sdp: own.sdp } },
      })
    })
    return split
  }

  #leg(role: Leg['role'], send: (data: PeerSignal) => void): Leg {
    // No ICE servers: host candidates only, as the browsers have (hermetic, STYLE §7).
    const pc = new wrtc.RTCPeerConnection({ iceServers: [] })
    pc.onicecandidate = (event) => {
      if (event.candidate !== null) {
        const { candidate, sdpMLineIndex, sdpMid } = event.candidate
        send({ type: 'candidate', candidate: { candidate, sdpMLineIndex, sdpMid } })
      }
    }
    return { role, destroyed: false, pc, channel: null, queue: [], work: Promise.resolve() }
  }

  /** Applies a browser's answer or candidate to the leg that faces it. */
  #apply(leg: Leg, data: PeerSignal): void {
    if (data['type'] === 'answer' && typeof data['sdp'] === 'string') {
      const answer = { type: 'answer' as const, sdp: data['sdp'] }
      this.#step(leg, async () => leg.pc.setRemoteDescription(answer))
    } else if (typeof data['candidate'] === 'object' && data['candidate'] !== null) {
      const candidate = data['candidate'] as RTCIceCandidateInit
      this.#step(leg, async () => leg.pc.addIceCandidate(candidate))
    }
  }

  #step(leg: Leg, work: () => Promise<void>): void {
    leg.work = leg.work.then(work).catch((error: unknown) => {
      if (leg.pc.connectionState !== 'closed') {
        this.#errors.push(error)
      }
    })
  }

  /** Forwards what arrives on `channel` (leg `own`, from browser `from`) to the other leg. */
  #pipe(
    channel: RTCDataChannel,
    own: Leg,
    other: Leg,
    { from, to }: { from: string; to: string },
  ): void {
    const towards = own.role === 'offerer' ? 'answerer' : 'offerer'
    channel.binaryType = 'arraybuffer'
    own.channel = channel
    const flush = (): void => {
      for (const bytes of own.queue.splice(0)) {
        channel.send(bytes)
      }
    }
    // A channel announced by the remote may already be open when it is handed to us.
    if (channel.readyState === 'open') {
      flush()
    }
    channel.onopen = flush
    channel.onclose = () => {
      if (!own.destroyed) {
        this.closedBy[own.role] += 1
      }
    }
    channel.onmessage = (event: MessageEvent<ArrayBuffer | string>) => {
      const bytes =
        typeof event.data === 'string'
          ? new TextEncoder().encode(event.data)
          : new Uint8Array(event.data)
      // A data-channel message may carry several frames (SPEC WR-1): record and judge each one.
      const passed: Uint8Array[] = []
      forEachFrame(bytes, (frame) => {
        const message = { from, to, towards, bytes: Buffer.from(frame) } as const
        this.recorded.push(message)
        if (!this.withhold(message)) {
          passed.push(frame)
        }
      })
      if (passed.length === 0) {
        return
      }
      const out = new Uint8Array(Buffer.concat(passed))
      const target = other.channel
      if (target?.readyState === 'open') {
        target.send(out)
      } else {
        other.queue.push(out)
      }
    }
  }

  #destroySplit(key: string): void {
    const split = this.#splits.get(key)
    if (split === undefined) {
      return
    }
    this.#splits.delete(key)
    for (const leg of [split.toOfferer, split.toAnswerer]) {
      leg.destroyed = true
      leg.channel?.close()
      leg.pc.close()
    }
  }
}
