import { useCommands, useSwarmStore } from '../../app-context.ts'
import { selectUploadLimit } from '../../store/selectors.ts'

import { UploadLimitForm } from './UploadLimitForm.tsx'

/** The upload cap wired up: the command layer applies it to the engine and shows it. */
export function UploadLimitControl() {
  const commands = useCommands()
  const limitBps = useSwarmStore(selectUploadLimit)
  const change = (bytesPerSecond: number): void => commands.setUploadLimit(bytesPerSecond)
  return <UploadLimitForm limitBps={limitBps} onChange={change} />
}
