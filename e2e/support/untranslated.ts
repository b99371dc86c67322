import { readFileSync } from 'node:fs'

type Catalogue = { readonly [key: string]: string | Catalogue }

const catalogue = (language: string): Catalogue =>
  JSON.parse(
    readFileSync(
      new URL(`../../apps/web/src/i18n/locales/${language}.json`, import.meta.url),
      'utf8',
    ),
  ) as Catalogue
const en = catalogue('en')
const ko = catalogue('ko')

const leaves = (catalogue: Catalogue, prefix = ''): [string, string][] =>
  Object.entries(catalogue).flatMap(([key, value]): [string, string][] =>
    typeof value === 'string' ? [[`${prefix}${key}`, value]] : leaves(value, `${prefix}${key}.`),
  )

/**
 * Latin words the Korean UI may show: the brand, units, protocol and tool names, the README's
 * section title, candidate types, and "English" in the language switch (each language is named in
 * itself).
 */
export const ALLOWED_LATIN_WORDS = new Set([
  'Swarmdrop',
  'English',
  'BitTorrent',
  'KiB',
  'MiB',
  'GiB',
  'TiB',
  'RTT',
  'ICE',
  'TURN',
  'HTTP',
  'HTTPS',
  'PEM',
  'TLS_CERT',
  'TLS_KEY',
  'README',
  'Caddy',
  'nginx',
  'localhost',
  'host',
  'srflx',
  'prflx',
  'relay',
  'max',
  'min',
  'Watching',
  'the',
  'swarm',
  'zip',
  'IP',
  'ID',
  'ms',
])

const koValues = new Set(leaves(ko).map(([, value]) => value))

/** The English catalogue's text pieces (between placeholders and tags) that Korean does not share. */
const ENGLISH_FRAGMENTS = leaves(en)
  .filter(([, value]) => !koValues.has(value))
  .flatMap(([, value]) => value.split(/\{\{[^}]*\}\}|<\/?\w+>/))
  .map((fragment) => fragment.trim())
  .filter((fragment) => /[A-Za-z]{3,}/.test(fragment) && fragment.length >= 4)

/**
 * What in a page's visible text is still English (SPEC LANG-1): English catalogue fragments,
 * and Latin words outside ALLOWED_LATIN_WORDS, once the given names (file names, links) are
 * taken out.
 * @param visible the page's `innerText`
 * @param names file names and other texts shown as they are
 */
export function untranslated(visible: string, names: readonly string[] = []): string[] {
  let text = visible
  for (const name of names) {
    text = text.replaceAll(name, ' ')
  }
  // Links and peer ids are data, not UI text.
  text = text.replace(/https?:\/\/\S+/g, ' ').replace(/\b[0-9a-f]{8,}\b/g, ' ')
  // Whole words only: the fragment "Swarm" is not in "Swarmdrop".
  const fragments = ENGLISH_FRAGMENTS.filter((fragment) =>
    new RegExp(`(^|[^A-Za-z])${fragment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z])`).test(
      text,
    ),
  )
  const words = [...new Set(text.match(/[A-Za-z_]{2,}/g) ?? [])].filter(
    (word) => !ALLOWED_LATIN_WORDS.has(word),
  )
  return [...fragments.map((fragment) => `“${fragment}”`), ...words]
}
