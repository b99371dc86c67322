// Browser builds: the flavour chosen in docs/adr/0002-simple-peer-flavour.md. Switching flavour
// is this one import (simple-peer 9 would be 'simple-peer/simplepeer.min.js', its shimmed build).
import SimplePeer from '@thaunknown/simple-peer'

import type { SimplePeerConstructor } from './simple-peer-types.ts'

export const SimplePeerFlavour = SimplePeer as unknown as SimplePeerConstructor
