import { useCommands, useSwarmStore } from '../../app-context.ts'
import { selectRelayAvailable, selectRelayOnly } from '../../store/selectors.ts'

import { RelayOnlyForm } from './RelayOnlyForm.tsx'
import { pageStorage, rememberRelayOnly } from './relay-only.ts'

/**
 * The relay-only choice wired up: a command keeps it in the store's UI slice, which the transport
 * reads at each new connection (create-browser-engine.ts), and it is remembered in the browser.
 */
export function RelayOnlyControl() {
  const commands = useCommands()
  const relayOnly = useSwarmStore(selectRelayOnly)
  const relayAvailable = useSwarmStore(selectRelayAvailable)
  const change = (next: boolean): void => {
    commands.setRelayOnly(next)
    rememberRelayOnly(pageStorage(), next)
  }
  return <RelayOnlyForm relayOnly={relayOnly} relayAvailable={relayAvailable} onChange={change} />
}
