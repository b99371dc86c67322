import { type BrowserContext, type Locator, type Page, expect } from '@playwright/test'

import { FAST_SWARM_QUERY } from './query.ts'
import { readUploadedBytes, readValueOrText } from './read.ts'

/** Hashing a large file in the page takes a while on a 2-core machine. */
const SHARE_LINK_TIMEOUT_MS = 120_000

/** The peer that drops a file on the home page and hands out its share link. */
export class Seeder {
  readonly page: Page

  private constructor(page: Page) {
    this.page = page
  }

  /** Opens the home page in the given context (its own storage, its own WebRTC stack). */
  static async open(context: BrowserContext, query = FAST_SWARM_QUERY): Promise<Seeder> {
    const page = await context.newPage()
    await page.goto(`/${query}`)
    return new Seeder(page)
  }

  /** Chooses a file through the keyboard-friendly file picker. */
  async chooseFile(path: string): Promise<void> {
    await this.page.getByTestId('file-input').setInputFiles(path)
  }

  /** Chooses a folder through the folder picker (`<input webkitdirectory>`). */
  async chooseFolder(path: string): Promise<void> {
    await this.page.getByTestId('folder-input').setInputFiles(path)
  }

  /**
   * Drops a file on the drop zone with real `dragenter`/`dragover`/`drop` events carrying a
   * `DataTransfer`, as a mouse drag would. Playwright cannot drag files from the OS, so the file
   * is streamed into a detached input first and moved into the `DataTransfer` from there; that
   * avoids serialising megabytes through `evaluate`.
   */
  async dropFile(path: string): Promise<void> {
    await this.dropFiles([path])
  }

  /** Drops several files at once, in one `DataTransfer` (see dropFile). */
  async dropFiles(paths: readonly string[]): Promise<void> {
    await this.dropFilesOn(this.page.getByTestId('drop-zone'), paths)
  }

  /** Drops files on the page outside any drop zone (SPEC UX-2: the whole window takes drops). */
  async dropFilesOnPage(paths: readonly string[]): Promise<void> {
    await this.dropFilesOn(this.page.locator('main'), paths)
  }

  /** The seeding view's status line (SPEC UX-1). */
  status(): Locator {
    return this.page.getByTestId('seed-status')
  }

  private async dropFilesOn(target: Locator, paths: readonly string[]): Promise<void> {
    const carrier = await this.page.evaluateHandle(() => {
      const input = document.createElement('input')
      input.type = 'file'
      input.multiple = true
      return input
    })
    await carrier.setInputFiles([...paths])
    await target.evaluate((zone, input) => {
      const dataTransfer = new DataTransfer()
      for (const file of Array.from(input.files ?? [])) {
        dataTransfer.items.add(file)
      }
      for (const type of ['dragenter', 'dragover', 'drop']) {
        zone.dispatchEvent(new DragEvent(type, { dataTransfer, bubbles: true, cancelable: true }))
      }
    }, carrier)
    await carrier.dispose()
  }

  /** The share link element. */
  shareLinkElement(): Locator {
    return this.page.getByTestId('share-link')
  }

  /** Waits until the share link carries a swarm id and returns it. */
  async shareLink(): Promise<string> {
    const element = this.shareLinkElement()
    await expect(element).toBeVisible({ timeout: SHARE_LINK_TIMEOUT_MS })
    await expect
      .poll(async () => readValueOrText(element), { timeout: SHARE_LINK_TIMEOUT_MS })
      .toMatch(/#.+$/)
    return readValueOrText(element)
  }

  /** This tab's total upload in bytes. */
  async uploadedBytes(): Promise<number> {
    return readUploadedBytes(this.page)
  }
}
