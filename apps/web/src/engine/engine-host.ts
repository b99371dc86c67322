import type { EngineHost, EngineServices } from '../app-context.ts'
import { bindEngine } from '../store/bind-engine.ts'
import type { Scheduler } from '../store/bind-engine.ts'
import type { SwarmStore } from '../store/swarm-store.ts'

/**
 * An EngineHost that runs `create` once, on first use, and binds the engine to `store`
 * (hot events batched through `schedule`, bindEngine's default when omitted).
 * Lazy because opening the page must contact nothing until it has a reason (SPEC MD-5).
 */
export function createLazyEngineHost(
  create: () => EngineServices,
  store: SwarmStore,
  schedule?: Scheduler,
): EngineHost {
  let services: EngineServices | null = null
  return {
    services() {
      if (services === null) {
        services = create()
        bindEngine(services.engine, store, schedule)
      }
      return services
    },
  }
}
