import { useEngineHost, useSwarmStore, useSwarmStoreApi } from '../../app-context.ts'
import { InsecureOriginNotice } from '../../components/InsecureOriginNotice.tsx'
import { selectShare } from '../../store/selectors.ts'
import { Library } from '../library/Library.tsx'
import { RelayOnlyControl } from '../settings/RelayOnlyControl.tsx'

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
          <InsecureOriginNotice />
          <DropZone error={share.error} onFiles={(files) => void shareFiles(files, host, store)} />
          {/* Before the first share, so a seeder's address is never handed out unasked. */}
          <RelayOnlyControl />
          <Library />
        </>
      )
    case 'hashing':
      return <HashingView name={share.name} size={share.size} hashedBytes={share.hashedBytes} />
    case 'seeding':
      return <SeedingView swarmId={share.swarmId} />
  }
}
