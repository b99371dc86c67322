import { useEngineHost, useSwarmStore, useSwarmStoreApi } from '../../app-context.ts'
import { selectUploadLimit } from '../../store/selectors.ts'

import { UploadLimitForm } from './UploadLimitForm.tsx'

/** The upload cap wired up: the command goes to the engine, the value shown to the store. */
export function UploadLimitControl() {
  const host = useEngineHost()
  const store = useSwarmStoreApi()
  const limitBps = useSwarmStore(selectUploadLimit)
  const change = (bytesPerSecond: number): void => {
    host.services().engine.setUploadLimit(bytesPerSecond)
    store.setState({ uploadLimitBps: bytesPerSecond })
  }
  return <UploadLimitForm limitBps={limitBps} onChange={change} />
}
