import { useEngineHost, useSwarmStore, useSwarmStoreApi } from '../../app-context.ts'
import { selectShare } from '../../store/selectors.ts'
import { Library } from '../library/Library.tsx'

import { DropZone } from './DropZone.tsx'
import { HashingView } from './HashingView.tsx'
import { SeedingView } from './SeedingView.tsx'
import { shareFiles } from './share-file.ts'

/** The home page: drop files or a folder, watch them being prepared, then seed them. */
export function HomePage() {
  const host = useEngineHost()
  const store = useSwarmStoreApi()
  const share = useSwarmStore(selectShare)
  switch (share.phase) {
    case 'idle':
      return (
        <>
          <DropZone error={share.error} onFiles={(files) => void shareFiles(files, host, store)} />
          <Library />
        </>
      )
    case 'hashing':
      return <HashingView name={share.name} size={share.size} hashedBytes={share.hashedBytes} />
    case 'seeding':
      return <SeedingView swarmId={share.swarmId} />
  }
}
