import { buffer } from 'node:stream/consumers'

import yauzl from 'yauzl'

/**
 * Reads every file of a zip on disk with yauzl (an independent reader: it checks the central
 * directory, ZIP64 records and each entry's size), as path → bytes. Folder entries are skipped.
 */
export async function readZip(path: string): Promise<Map<string, Buffer>> {
  const zip = await yauzl.openPromise(path, { lazyEntries: true, validateEntrySizes: true })
  const files = new Map<string, Buffer>()
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject)
      zip.on('end', () => resolve())
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) {
          zip.readEntry()
          return
        }
        zip
          .openReadStreamPromise(entry)
          .then(async (stream) => buffer(stream))
          .then((bytes) => {
            files.set(entry.fileName, bytes)
            zip.readEntry()
          })
          .catch(reject)
      })
      zip.readEntry()
    })
  } finally {
    zip.close()
  }
  return files
}
