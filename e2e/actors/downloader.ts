import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'

import { type BrowserContext, type Locator, type Page, expect } from '@playwright/test'

import { FAST_SWARM_QUERY, withQuery } from './query.ts'
import { readUploadedBytes } from './read.ts'

/** What a downloader saved through the Save button. */
export interface SavedFile {
  path: string
  suggestedFilename: string
}

/** The peer that opens a share link, downloads, and saves the file. */
export class Downloader {
  readonly page: Page
  readonly name: string

  private constructor(page: Page, name: string) {
    this.page = page
    this.name = name
  }

  /**
   * Opens a share link in the given context, with the fast swarm settings in front of the
   * fragment.
   */
  static async open(
    context: BrowserContext,
    link: string,
    name: string,
    query = FAST_SWARM_QUERY,
  ): Promise<Downloader> {
    const page = await context.newPage()
    await page.goto(withQuery(link, query))
    return new Downloader(page, name)
  }

  status(): Locator {
    return this.page.getByTestId('status')
  }

  progressBar(): Locator {
    return this.page.getByTestId('progress')
  }

  peerRows(): Locator {
    return this.page.getByTestId('peer-row')
  }

  /** Progress 0–100 from `aria-valuenow`; 0 before the bar renders. */
  async progress(): Promise<number> {
    const bar = this.progressBar()
    if ((await bar.count()) === 0) {
      return 0
    }
    const value = await bar.first().getAttribute('aria-valuenow')
    return value === null ? 0 : Number(value)
  }

  /** Waits until at least `percent` of the file is verified. */
  async waitForProgress(percent: number, timeoutMs: number): Promise<void> {
    await expect
      .poll(async () => this.progress(), {
        timeout: timeoutMs,
        message: `${this.name} progress`,
      })
      .toBeGreaterThanOrEqual(percent)
  }

  /** Waits until the status line says the download is complete. */
  async waitForComplete(timeoutMs: number): Promise<void> {
    await expect(this.status(), `${this.name} status`).toContainText('complete', {
      timeout: timeoutMs,
    })
  }

  /** This tab's total upload in bytes (it seeds what it has, SPEC EN-4). */
  async uploadedBytes(): Promise<number> {
    return readUploadedBytes(this.page)
  }

  /**
   * Piece payload this tab downloaded and verified since the page loaded (the engine's
   * `downloadedBytes`, read through the `window.__swarm` test hook); 0 before it joins.
   */
  async downloadedBytes(): Promise<number> {
    return this.page.evaluate(() => {
      const swarms = Object.values(window.__swarm?.getState().swarms ?? {})
      return swarms[0]?.downloadedBytes ?? 0
    })
  }

  /** Reloads the tab, as a person pressing F5 mid-download would. */
  async reload(): Promise<void> {
    await this.page.reload()
  }

  /** One row per file of a folder or several files, with `data-path` and `data-size`. */
  fileRows(): Locator {
    return this.page.getByTestId('file-row')
  }

  /** Clicks Save (for several files: Save all as .zip) and stores the download in `directory`. */
  async save(directory: string): Promise<SavedFile> {
    return this.saveThrough(this.page.getByTestId('save-button'), directory)
  }

  /** Clicks the Save button of the file whose row has `data-path` = `path`. */
  async saveFile(path: string, directory: string): Promise<SavedFile> {
    const row = this.page.locator(`[data-testid="file-row"][data-path="${path}"]`)
    return this.saveThrough(row.getByTestId('save-file-button'), directory)
  }

  /**
   * SHA-256 (hex) of each file "Save all" streamed into this tab's OPFS library before handing
   * it to the download (issue #4: `swarmdrop/<swarm id>/saved`), one per swarm that has one.
   */
  async opfsSavedFileHashes(): Promise<string[]> {
    return this.page.evaluate(async () => {
      const root = await navigator.storage.getDirectory()
      const library = await root.getDirectoryHandle('swarmdrop')
      const hashes: string[] = []
      for await (const swarm of library.values()) {
        if (swarm.kind !== 'directory') {
          continue
        }
        const saved = await (swarm as FileSystemDirectoryHandle)
          .getFileHandle('saved')
          .catch(() => null)
        if (saved !== null) {
          const bytes = await (await saved.getFile()).arrayBuffer()
          const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))
          hashes.push(Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join(''))
        }
      }
      return hashes
    })
  }

  private async saveThrough(button: Locator, directory: string): Promise<SavedFile> {
    await mkdir(directory, { recursive: true })
    const [download] = await Promise.all([this.page.waitForEvent('download'), button.click()])
    const suggestedFilename = download.suggestedFilename()
    const path = join(directory, suggestedFilename)
    await download.saveAs(path)
    return { path, suggestedFilename }
  }
}

/** SHA-256 of a file on disk, hex. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer)
  }
  return hash.digest('hex')
}
