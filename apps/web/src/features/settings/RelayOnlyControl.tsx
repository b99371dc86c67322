import { useSwarmStore, useSwarmStoreApi } from '../../app-context.ts'
import { selectRelayAvailable, selectRelayOnly } from '../../store/selectors.ts'

import { RelayOnlyForm } from './RelayOnlyForm.tsx'
import { pageStorage, rememberRelayOnly } from './relay-only.ts'

/**
 * The relay-only choice wired up: kept in the store, which the transport reads at each new
 * connection (create-browser-engine.ts), and remembered in the browser.
 */
export function RelayOnlyControl() {
  const store = useSwarmStoreApi()
  const relayOnly = useSwarmStore(selectRelayOnly)
  const relayAvailable = useSwarmStore(selectRelayAvailable)
  const change = (next: boolean): void => {
    store.setState({ relayOnly: next })
    rememberRelayOnly(pageStorage(), next)
  }
  return <RelayOnlyForm relayOnly={relayOnly} relayAvailable={relayAvailable} onChange={change} />
}
