import type { SwarmId } from '@swarmdrop/protocol'
import { useMemo } from 'react'

import { useSwarmStore } from '../../app-context.ts'
import { selectSwarm, selectTotalUploadedBytes, selectTracker } from '../../store/selectors.ts'

import { SwarmPanelView } from './SwarmPanelView.tsx'

/** Props of SwarmPanel. */
export interface SwarmPanelProps {
  readonly swarmId: SwarmId
}

/** The swarm panel wired to the store. */
export function SwarmPanel({ swarmId }: SwarmPanelProps) {
  const swarm = useSwarmStore(useMemo(() => selectSwarm(swarmId), [swarmId]))
  const tracker = useSwarmStore(selectTracker)
  const uploadedBytes = useSwarmStore(selectTotalUploadedBytes)
  return <SwarmPanelView swarm={swarm} tracker={tracker} uploadedBytes={uploadedBytes} />
}
