throw new Error('node-datachannel is stubbed out in Swarmdrop; use @roamhq/wrtc in Node')
