import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'

import { expect, test } from '@playwright/test'

import { Downloader, sha256File } from './actors/downloader.ts'
import { Seeder } from './actors/seeder.ts'
import { makeTempDir, removeDir, writeEmptyFile, writeRandomFile } from './support/files.ts'
import { readZip } from './support/zip.ts'
import { peerContexts } from './support/peer-contexts.ts'

const TRANSFER_TIMEOUT_MS = 60_000
/** Pieces are 256 KiB for a folder this small (SPEC MD-4), so b.bin spans several of them. */
const PIECE_BYTES = 256 * 1024

/** The folder `album/` as the seeder picks it: paths below the folder, sizes in bytes. */
const FOLDER_FILES = [
  { path: 'a.txt', size: 10_007 },
  { path: 'empty.dat', size: 0 },
  { path: 'sub/b.bin', size: 3 * PIECE_BYTES + 12_345 },
] as const

let workDir: string
const newPeerContext = peerContexts()

/** Writes `files` below `root`: random bytes, or an empty file for size 0. */
async function writeTree(
  root: string,
  files: readonly { path: string; size: number }[],
): Promise<Map<string, Buffer>> {
  const contents = new Map<string, Buffer>()
  for (const file of files) {
    const segments = file.path.split('/')
    const dir = join(root, ...segments.slice(0, -1))
    await mkdir(dir, { recursive: true })
    const name = segments.at(-1) ?? file.path
    const written =
      file.size === 0
        ? await writeEmptyFile(dir, name)
        : await writeRandomFile(dir, name, file.size)
    contents.set(file.path, await readFile(written.path))
  }
  return contents
}

test.beforeAll(async () => {
  workDir = await makeTempDir('folders')
})

test.afterAll(async () => {
  await removeDir(workDir)
})

test('[MD-7][MD-9] a folder with an empty file and a nested multi-piece file round-trips with its paths, file by file and as a zip', async ({
  browser,
}) => {
  const contents = await writeTree(join(workDir, 'album'), FOLDER_FILES)
  const seeder = await Seeder.open(await newPeerContext(browser))
  const link = await test.step('seeder picks the folder and gets a share link', async () => {
    await seeder.chooseFolder(join(workDir, 'album'))
    return seeder.shareLink()
  })
  await expect(seeder.page.getByTestId('file-row')).toHaveCount(FOLDER_FILES.length)

  const downloader = await Downloader.open(await newPeerContext(browser), link, 'downloader')
  await test.step('the download page lists every path and size, then completes', async () => {
    await expect(downloader.page.getByRole('heading', { level: 1 })).toHaveText('album')
    const rows = downloader.fileRows()
    await expect(rows).toHaveCount(FOLDER_FILES.length)
    for (const [index, file] of FOLDER_FILES.entries()) {
      await expect(rows.nth(index)).toHaveAttribute('data-path', file.path)
      await expect(rows.nth(index)).toHaveAttribute('data-size', String(file.size))
    }
    await downloader.waitForComplete(TRANSFER_TIMEOUT_MS)
  })

  await test.step('each file saves under its own name with the same bytes', async () => {
    for (const [index, file] of FOLDER_FILES.entries()) {
      const saved = await downloader.saveFile(file.path, join(workDir, 'saved', String(index)))
      expect(saved.suggestedFilename).toBe(file.path.split('/').at(-1))
      expect((await readFile(saved.path)).equals(contents.get(file.path) ?? Buffer.alloc(1))).toBe(
        true,
      )
    }
  })

  await test.step('Save all gives album.zip holding every path with the same bytes', async () => {
    const saved = await downloader.save(join(workDir, 'saved', 'zip'))
    expect(saved.suggestedFilename).toBe('album.zip')
    // Issue #4: the zip was streamed to OPFS and the download is that file, not a Blob in RAM.
    expect(await downloader.opfsSavedFileHashes()).toEqual([await sha256File(saved.path)])
    const unzipped = await readZip(saved.path)
    expect([...unzipped.keys()].sort()).toEqual(FOLDER_FILES.map((f) => f.path).sort())
    for (const file of FOLDER_FILES) {
      expect(unzipped.get(file.path)?.equals(contents.get(file.path) ?? Buffer.alloc(1))).toBe(true)
    }
  })
})

test('[MD-7] several files dropped at once make one swarm that saves as one zip', async ({
  browser,
}) => {
  const dir = join(workDir, 'loose')
  const files = [
    { path: 'notes.txt', size: 5_000 },
    { path: 'photo.bin', size: 2 * PIECE_BYTES + 1 },
  ]
  const contents = await writeTree(dir, files)
  const seeder = await Seeder.open(await newPeerContext(browser))
  await seeder.dropFiles(files.map((f) => join(dir, f.path)))
  const link = await seeder.shareLink()

  const downloader = await Downloader.open(await newPeerContext(browser), link, 'downloader')
  await expect(downloader.fileRows()).toHaveCount(files.length)
  await downloader.waitForComplete(TRANSFER_TIMEOUT_MS)
  const saved = await downloader.save(join(workDir, 'saved-loose'))
  expect(saved.suggestedFilename).toBe('2 files.zip')
  const unzipped = await readZip(saved.path)
  expect([...unzipped.keys()].sort()).toEqual(['notes.txt', 'photo.bin'])
  for (const file of files) {
    expect(unzipped.get(file.path)?.equals(contents.get(file.path) ?? Buffer.alloc(1))).toBe(true)
  }
})
