import { useEngineHost, useSwarmStore, useSwarmStoreApi } from '../../app-context.ts'
import { selectShare } from '../../store/selectors.ts'
import { Library } from '../library/Library.tsx'

import { DropZone } from './DropZone.tsx'
import { HashingView } from './HashingView.tsx'
import { SeedingView } from './SeedingView.tsx'
import { shareFile } from './share-file.ts'

/** The home page: drop a file, watch it being prepared, then seed it. */
export function HomePage() {
  const host = useEngineHost()
  const store = useSwarmStoreApi()
  const share = useSwarmStore(selectShare)
  switch (share.phase) {
    case 'idle':
      return (
        <>
          <DropZone error={share.error} onFile={(file) => void shareFile(file, host, store)} />
          <Library />
        </>
      )
    case 'hashing':
      return <HashingView name={share.name} size={share.size} hashedBytes={share.hashedBytes} />
    case 'seeding':
      return <SeedingView swarmId={share.swarmId} />
  }
}
