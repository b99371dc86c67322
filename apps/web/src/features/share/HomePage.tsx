import { useCommands, useSwarmStore } from '../../app-context.ts'
import { InsecureOriginNotice } from '../../components/InsecureOriginNotice.tsx'
import { selectShare, selectViewingKnown } from '../../store/selectors.ts'
import { Library } from '../library/Library.tsx'
import { RelayOnlyControl } from '../settings/RelayOnlyControl.tsx'

import { DropZone } from './DropZone.tsx'
import { HashingView } from './HashingView.tsx'
import { OpenLinkForm } from './OpenLinkForm.tsx'
import { SeedingView } from './SeedingView.tsx'
import { SharePasswordField } from './SharePasswordField.tsx'

/**
 * The home page: drop files or a folder, watch them being prepared, then seed them; several
 * shares run at once and the library lists them (SPEC UX-5).
 */
export function HomePage() {
  const commands = useCommands()
  const share = useSwarmStore(selectShare)
  const viewingKnown = useSwarmStore(selectViewingKnown)
  if (share.hashing !== null) {
    const { name, size, hashedBytes } = share.hashing
    return <HashingView name={name} size={size} hashedBytes={hashedBytes} />
  }
  if (share.viewing !== null && viewingKnown) {
    return <SeedingView swarmId={share.viewing} />
  }
  return (
    <>
      <InsecureOriginNotice />
      <DropZone error={share.error} onFiles={(files) => void commands.share(files)} />
      <SharePasswordField value={share.password} onChange={commands.setSharePassword} />
      <OpenLinkForm />
      {/* Before the first share, so a seeder's address is never handed out unasked. */}
      <RelayOnlyControl />
      <Library />
    </>
  )
}
