import 'i18next'

import type en from './locales/en.json'

// Typed keys: `t('swarm.titl')` is a compile error, and the English catalogue is the key list.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation'
    resources: { translation: typeof en }
    returnNull: false
  }
}
