import type { SwarmId } from '@swarmdrop/protocol'
import { useState } from 'react'

import { useEngineHost, useSwarmStore, useSwarmStoreApi } from '../../app-context.ts'
import { InsecureOriginNotice } from '../../components/InsecureOriginNotice.tsx'
import { selectShare } from '../../store/selectors.ts'
import { Library } from '../library/Library.tsx'
import { RelayOnlyControl } from '../settings/RelayOnlyControl.tsx'

import { DropZone } from './DropZone.tsx'
import { HashingView } from './HashingView.tsx'
import type { PickedFile } from './pick-files.ts'
import { SeedingView } from './SeedingView.tsx'
import { SharePasswordField } from './SharePasswordField.tsx'
import { shareFiles } from './share-file.ts'

/** The home page: drop files or a folder, watch them being prepared, then seed them. */
export function HomePage() {
  const host = useEngineHost()
  const store = useSwarmStoreApi()
  const share = useSwarmStore(selectShare)
  const [password, setPassword] = useState('')
  // The files of the current share, for "New link" (SPEC MD-10): the same files, a fresh salt.
  const [shared, setShared] = useState<PickedFile[]>([])
  const share_ = (files: PickedFile[]): void => {
    setShared(files)
    void shareFiles(files, host, store, { password })
  }
  const newLink = (old: SwarmId): void => {
    void shareFiles(shared, host, store, { password, freshSalt: true }).then(() => {
      // The old link stops working: that is what a new link is for.
      const current = store.getState().share
      if (current.phase === 'seeding' && current.swarmId !== old) {
        void host.services().engine.remove(old)
      }
    })
  }
  switch (share.phase) {
    case 'idle':
      return (
        <>
          <InsecureOriginNotice />
          <DropZone error={share.error} onFiles={share_} />
          <SharePasswordField value={password} onChange={setPassword} />
          {/* Before the first share, so a seeder's address is never handed out unasked. */}
          <RelayOnlyControl />
          <Library />
        </>
      )
    case 'hashing':
      return <HashingView name={share.name} size={share.size} hashedBytes={share.hashedBytes} />
    case 'seeding':
      return (
        <SeedingView
          swarmId={share.swarmId}
          passwordRequired={share.passwordRequired === true}
          {...(shared.length === 0 ? {} : { onNewLink: () => newLink(share.swarmId) })}
        />
      )
  }
}
