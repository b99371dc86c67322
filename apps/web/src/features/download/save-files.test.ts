import { buffer } from 'node:stream/consumers'

import { describe, expect, it } from 'vitest'
import yauzl from 'yauzl'

import type { ZipEntry } from './save-files.ts'
import { writeZip } from './save-files.ts'

const KIB = 1024

/** A sink that keeps what it is given, in order, and records how the writer ended it. */
function memorySink(): { sink: WritableStream<Uint8Array>; chunks: Uint8Array[]; ended: string[] } {
  const chunks: Uint8Array[] = []
  const ended: string[] = []
  const sink = new WritableStream<Uint8Array>({
    write: (chunk) => void chunks.push(chunk),
    close: () => void ended.push('close'),
    abort: () => void ended.push('abort'),
  })
  return { sink, chunks, ended }
}

/** Every file of a zip in memory as path → bytes, read by yauzl (an independent reader). */
async function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  const zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, validateEntrySizes: true })
  const files = new Map<string, Buffer>()
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject)
    zip.on('end', () => resolve())
    zip.on('entry', (entry: yauzl.Entry) => {
      zip
        .openReadStreamPromise(entry)
        .then(async (stream) => buffer(stream))
        .then((data) => {
          files.set(entry.fileName, data)
          zip.readEntry()
        })
        .catch(reject)
    })
    zip.readEntry()
  })
  return files
}

/** The bytes as a stream of 16 KiB chunks, the way the piece reader hands them out. */
function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let offset = 0
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) {
        controller.close()
        return
      }
      controller.enqueue(bytes.slice(offset, offset + 16 * KIB))
      offset += 16 * KIB
    },
  })
}

const FILES = [
  { name: 'a.txt', bytes: Uint8Array.from({ length: 10 * KIB }, (_, i) => i & 0xff) },
  { name: 'empty', bytes: new Uint8Array(0) },
  {
    name: 'sub/b.bin',
    bytes: Uint8Array.from({ length: 200 * KIB + 5 }, (_, i) => (i * 7) & 0xff),
  },
]
const entriesOf = (files: typeof FILES): ZipEntry[] =>
  files.map(({ name, bytes }) => ({
    name,
    input: streamOf(bytes),
    size: bytes.length,
    lastModified: new Date(0),
  }))

describe('writeZip', () => {
  it('[MD-7] streams a zip into the sink, closes it, and the zip holds every path and byte', async () => {
    const { sink, chunks, ended } = memorySink()
    await writeZip(entriesOf(FILES), sink)
    expect(ended).toEqual(['close'])
    // Written as it goes, not handed over as one buffer at the end.
    expect(chunks.length).toBeGreaterThan(FILES.length)
    const files = await unzip(Buffer.concat(chunks))
    expect([...files.keys()]).toEqual(FILES.map((f) => f.name))
    for (const { name, bytes } of FILES) {
      expect(files.get(name)?.equals(bytes)).toBe(true)
    }
  })

  it('aborts the sink (so OPFS commits nothing) when a file cannot be read', async () => {
    const { sink, ended } = memorySink()
    const failing: ZipEntry = {
      name: 'broken.bin',
      input: new ReadableStream({
        pull: (controller) => controller.error(new Error('piece 3 is not stored')),
      }),
      size: 10,
      lastModified: new Date(0),
    }
    await expect(writeZip([...entriesOf(FILES.slice(0, 1)), failing], sink)).rejects.toThrow(
      /piece 3 is not stored/,
    )
    expect(ended).toEqual(['abort'])
  })
})
