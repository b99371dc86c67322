import type { SwarmId } from '@swarmdrop/protocol'
import { useMemo } from 'react'
import { useShallow } from 'zustand/react/shallow'

import { useSwarmStore } from '../../app-context.ts'
import { selectSwarmPanel } from '../../store/selectors.ts'

import { SwarmPanelView } from './SwarmPanelView.tsx'

/** Props of SwarmPanel. */
export interface SwarmPanelProps {
  readonly swarmId: SwarmId
}

/** The swarm panel wired to the store; re-renders only when its swarm or the tracker changes. */
export function SwarmPanel({ swarmId }: SwarmPanelProps) {
  const props = useSwarmStore(useShallow(useMemo(() => selectSwarmPanel(swarmId), [swarmId])))
  return <SwarmPanelView {...props} />
}
