// `npm run bench:hash`: how fast a seeder fingerprints a 1 GiB file through the real seeding path
// (file input → hashing worker → share link), next to raw crypto.subtle.digest in the same
// browser, same run. The file is written to disk by the bench, never held in memory.
import { type Page, expect } from '@playwright/test'

import { writeRandomFile } from '../../e2e/support/files.ts'
import { loadAverage, withBenchRig } from '../support/app.ts'

const MiB = 1024 * 1024
const FILE_BYTES = Number(process.env['HASH_BENCH_MIB'] ?? 1024) * MiB
/** Raw digests run over this buffer again and again until FILE_BYTES are hashed. */
const RAW_BUFFER_BYTES = 64 * MiB

/** MB/s of crypto.subtle.digest over `total` bytes in `inputBytes` inputs, in the page. */
async function rawDigestRate(page: Page, inputBytes: number, total: number): Promise<number> {
  return page.evaluate(
    async ({ inputBytes, total, bufferBytes }) => {
      const buffer = new Uint8Array(bufferBytes)
      for (let i = 0; i < bufferBytes; i += 65_536) {
        crypto.getRandomValues(buffer.subarray(i, i + 65_536))
      }
      const started = performance.now()
      for (let done = 0; done < total; done += inputBytes) {
        const at = done % bufferBytes
        await crypto.subtle.digest('SHA-256', buffer.subarray(at, at + inputBytes))
      }
      return total / 1e6 / ((performance.now() - started) / 1000)
    },
    { inputBytes, total, bufferBytes: RAW_BUFFER_BYTES },
  )
}

/** MB/s of reading `path` as a File in `spanBytes` slices (no hashing), in the page. */
async function rawReadRate(page: Page, path: string, spanBytes: number): Promise<number> {
  const input = await page.evaluateHandle(() => {
    const element = document.createElement('input')
    element.type = 'file'
    return element
  })
  await input.setInputFiles(path)
  const rate = await input.evaluate(async (element, spanBytes) => {
    const file = element.files?.[0]
    if (file === undefined) {
      throw new Error('no file')
    }
    const started = performance.now()
    for (let at = 0; at < file.size; at += spanBytes) {
      await file.slice(at, at + spanBytes).arrayBuffer()
    }
    return file.size / 1e6 / ((performance.now() - started) / 1000)
  }, spanBytes)
  await input.dispose()
  return rate
}

await withBenchRig('hash', async ({ dir, app, browser }) => {
  console.log(`bench:hash: writing ${FILE_BYTES / MiB} MiB of random bytes to disk…`)
  const file = await writeRandomFile(dir, 'hash-bench.bin', FILE_BYTES)
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto(app.url)

  // Same piece size the seeding path hashes: MD-4 picks it from the file size.
  let pieceBytes = 64 * 1024
  while (FILE_BYTES / pieceBytes > 2048) {
    pieceBytes *= 2
  }
  const rawBefore = await rawDigestRate(page, pieceBytes, FILE_BYTES)
  const rawSmall = await rawDigestRate(page, 256 * 1024, FILE_BYTES)

  const started = performance.now()
  await page.getByTestId('file-input').setInputFiles(file.path)
  await expect(page.getByTestId('share-link')).toBeVisible({ timeout: 600_000 })
  const seedSeconds = (performance.now() - started) / 1000
  const seedRate = FILE_BYTES / 1e6 / seedSeconds

  const rawAfter = await rawDigestRate(page, pieceBytes, FILE_BYTES)
  const readSpan = await rawReadRate(page, file.path, 16 * MiB)
  const readPiece = await rawReadRate(page, file.path, pieceBytes)
  await context.close()

  const kib = (bytes: number): string => `${bytes / 1024} KiB`
  console.log(`\n${FILE_BYTES / MiB} MiB file, ${kib(pieceBytes)} pieces, load ${loadAverage()}`)
  console.log('| Path | MB/s |')
  console.log('| --- | --- |')
  console.log(
    `| seeding: file input → worker (16 MiB reads, a digest per piece) → share link, ${seedSeconds.toFixed(1)} s | ${seedRate.toFixed(0)} |`,
  )
  console.log(
    `| raw crypto.subtle.digest, ${kib(pieceBytes)} inputs, main thread (before / after) | ${rawBefore.toFixed(0)} / ${rawAfter.toFixed(0)} |`,
  )
  console.log(`| raw crypto.subtle.digest, 256 KiB inputs, main thread | ${rawSmall.toFixed(0)} |`)
  console.log(`| raw File read, 16 MiB slices, no hashing | ${readSpan.toFixed(0)} |`)
  console.log(`| raw File read, ${kib(pieceBytes)} slices, no hashing | ${readPiece.toFixed(0)} |`)
})
