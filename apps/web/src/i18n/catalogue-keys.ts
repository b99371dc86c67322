/** A catalogue as JSON gives it: nested objects whose leaves are strings. */
export interface Catalogue {
  readonly [key: string]: string | Catalogue
}

// i18next's plural suffixes (Intl.PluralRules categories, plus the `_zero` special case).
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/

/** Every leaf key of a catalogue as a dotted path (`swarm.title`), in document order. */
export function leafKeys(catalogue: Catalogue, prefix = ''): string[] {
  return Object.entries(catalogue).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : leafKeys(value, `${prefix}${key}.`),
  )
}

/** Every leaf value with its key, for checks on the text itself (empty values, stray English). */
export function leafEntries(catalogue: Catalogue, prefix = ''): [string, string][] {
  return Object.entries(catalogue).flatMap(([key, value]): [string, string][] =>
    typeof value === 'string'
      ? [[`${prefix}${key}`, value]]
      : leafEntries(value, `${prefix}${key}.`),
  )
}

/**
 * The keys a catalogue must share with every other: plural forms are folded into their base key,
 * because languages need different forms (English `_one` and `_other`, Korean only `_other`).
 */
export function baseKeys(catalogue: Catalogue): Set<string> {
  return new Set(leafKeys(catalogue).map((key) => key.replace(PLURAL_SUFFIX, '')))
}

/**
 * The plural keys a language's catalogue lacks: for each plural base key, every category
 * `Intl.PluralRules(language)` can answer must have its `_<category>` form.
 */
export function missingPluralForms(catalogue: Catalogue, language: string): string[] {
  const keys = new Set(leafKeys(catalogue))
  const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories
  const plurals = new Set(
    [...keys].filter((key) => PLURAL_SUFFIX.test(key)).map((key) => key.replace(PLURAL_SUFFIX, '')),
  )
  return [...plurals].flatMap((base) =>
    categories.map((category) => `${base}_${category}`).filter((key) => !keys.has(key)),
  )
}
