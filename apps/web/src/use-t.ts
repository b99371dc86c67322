import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'

import type { Translate } from './store/status-line.ts'

/**
 * The page's translate function with string keys, for keys built from data (status parts,
 * library states). The catalogues' key-parity test (LANG-4) keeps every such key defined.
 */
export function useT(): Translate {
  const { t } = useTranslation()
  return useCallback(
    (key: string, values?: Readonly<Record<string, string | number>>): string =>
      (t as unknown as (k: string, v?: object) => string)(key, values),
    [t],
  )
}
