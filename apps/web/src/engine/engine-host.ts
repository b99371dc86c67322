import type { EngineHost, EngineServices } from '../app-context.ts'
import { bindEngine } from '../store/bind-engine.ts'
import type { EngineEventSource, Scheduler } from '../store/bind-engine.ts'
import type { SwarmStore } from '../store/swarm-store.ts'

/** An EngineHost the composition root can also tear down when the tab goes away. */
export interface DisposableEngineHost extends EngineHost {
  /**
   * Closes the engine's peer connections and tracker socket at once, if it was ever created, so
   * neighbours see the close now rather than after their ICE or idle timeouts (SPEC EN-14).
   */
  dispose(): void
}

/**
 * An EngineHost that runs `create` once, on first use, and binds the engine to `store`
 * (hot events batched through `schedule`, bindEngine's default when omitted).
 * Lazy because opening the page must contact nothing until it has a reason (SPEC MD-5).
 */
export function createLazyEngineHost(
  create: () => EngineServices,
  store: SwarmStore,
  schedule?: Scheduler,
): DisposableEngineHost {
  let services: EngineServices | null = null
  return {
    services() {
      if (services === null) {
        const created = create()
        services = created
        const { onRelayAvailable } = created
        const source: EngineEventSource = {
          onEvent: (callback) => created.engine.onEvent(callback),
          ...(onRelayAvailable === undefined ? {} : { onRelayAvailable }),
        }
        bindEngine(source, store, schedule)
      }
      return services
    },
    dispose() {
      // Swarm.destroy closes every channel before its first await, so the connections are
      // closed by the time this returns; the promise only settles the stores, which may not
      // finish before the page is gone (nothing to wait for: a reload re-verifies).
      void services?.destroy?.()
    },
  }
}
