// Node (tests, tools): simple-peer 9 is the flavour that takes a `wrtc` implementation
// (@roamhq/wrtc); @thaunknown/simple-peer loads node-datachannel, which is not available here.
// The browser build resolves `#simple-peer` to simple-peer-browser.ts instead (package.json).
import SimplePeer from 'simple-peer'

import type { SimplePeerConstructor } from './simple-peer-types.ts'

export const SimplePeerFlavour = SimplePeer as unknown as SimplePeerConstructor
