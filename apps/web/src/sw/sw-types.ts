// The few service-worker types the worker uses. The web app's tsconfig has the DOM lib, which
// lacks them, and the WebWorker lib cannot be combined with DOM in one program; declaring the
// small surface used here keeps one tsconfig (and one typecheck) for the whole app.

/** An install/activate event: the worker stays alive until `waitUntil`'s promise settles. */
export interface SwExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void
}

/** A request the worker may answer (`respondWith`) or leave to the network (do nothing). */
export interface SwFetchEvent extends SwExtendableEvent {
  readonly request: Request
  respondWith(response: Response | Promise<Response>): void
}

/** A page the worker controls (issue #16: the stream route asks it for the swarm's bytes). */
export interface SwClient {
  readonly id: string
  postMessage(message: unknown, transfer: Transferable[]): void
}

/** The worker's global scope, as far as this worker uses it. */
export interface SwGlobalScope {
  readonly location: Location
  readonly caches: CacheStorage
  readonly clients: {
    claim(): Promise<void>
    get(id: string): Promise<SwClient | undefined>
    matchAll(options: { type: 'window' }): Promise<readonly SwClient[]>
  }
  skipWaiting(): Promise<void>
  addEventListener(type: 'install' | 'activate', listener: (event: SwExtendableEvent) => void): void
  addEventListener(type: 'fetch', listener: (event: SwFetchEvent) => void): void
}
