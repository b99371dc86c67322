import AxeBuilder from '@axe-core/playwright'
import { type Page, expect, test } from '@playwright/test'

import { Downloader, sha256File } from './actors/downloader.ts'
import { FAST_SWARM_QUERY } from './actors/query.ts'
import { Seeder } from './actors/seeder.ts'
import { type TestFile, makeTempDir, removeDir, writeRandomFile } from './support/files.ts'
import { peerContexts } from './support/peer-contexts.ts'

/** Throttled so "downloading" lasts long enough to be seen: 2 MiB at 256 KiB/s take ~8 s. */
const SLOW_QUERY = `${FAST_SWARM_QUERY}&up=${256 * 1024}`
const TRANSFER_TIMEOUT_MS = 90_000

let workDir: string
let small: TestFile
let second: TestFile
let alone: TestFile
let slow: TestFile
const newPeerContext = peerContexts()

test.beforeAll(async () => {
  workDir = await makeTempDir('ux')
  small = await writeRandomFile(workDir, 'report (ux).pdf', 300 * 1024)
  second = await writeRandomFile(workDir, 'second (ux).bin', 200 * 1024)
  // Its own swarm: nobody from the other tests ever joins it.
  alone = await writeRandomFile(workDir, 'alone (ux).bin', 100 * 1024)
  slow = await writeRandomFile(workDir, 'slow (ux).bin', 2 * 1024 * 1024)
})

test.afterAll(async () => {
  await removeDir(workDir)
})

/** WCAG 2.x A and AA violations on the page as it is now (SPEC UX-9). */
async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze()
  return result.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  )
}

test('[UX-1] a dead link says nobody with the file is online, alone and with two waiting', async ({
  browser,
}) => {
  const seeder = await Seeder.open(await newPeerContext(browser))
  await seeder.chooseFile(small.path)
  const link = await seeder.shareLink()
  // The sender closes its tab: the link is dead (SPEC EN-14 makes it leave at once).
  await seeder.page.close()

  const first = await Downloader.open(await newPeerContext(browser), link, 'first')
  await expect(first.status()).toContainText('Nobody who has this file is online')
  await expect(first.status()).toContainText('did they close their tab?')

  const other = await Downloader.open(await newPeerContext(browser), link, 'second')
  for (const waiting of [first, other]) {
    await expect(waiting.status()).toContainText('1 other person is waiting for it too')
    await expect(waiting.status()).toContainText("The sender's page must stay open")
    await expect(waiting.status()).not.toContainText('file details')
  }
  expect(await axeViolations(other.page), 'dead link').toEqual([])
})

test('[UX-8][WR-3][UX-4][UX-3] the title shows progress, a background tab is notified, the seeder sees who finished, and Stop sharing leaves the swarm', async ({
  browser,
}) => {
  const seeder = await Seeder.open(await newPeerContext(browser), SLOW_QUERY)
  await seeder.dropFile(slow.path)
  const link = await seeder.shareLink()
  await expect(seeder.page).toHaveTitle(`Sharing ${slow.name} — Swarmdrop`)

  // A background tab with notifications allowed: record what the page shows.
  const context = await newPeerContext(browser)
  await context.grantPermissions(['notifications'])
  await context.addInitScript(() => {
    const shown: { title: string; body: string }[] = []
    const Real = window.Notification
    class Recording extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options)
        shown.push({ title, body: options?.body ?? '' })
      }
    }
    Object.defineProperty(window, 'Notification', { value: Recording })
    Object.defineProperty(window, '__notifications', { value: shown })
    Object.defineProperty(document, 'visibilityState', { get: () => 'hidden' })
    document.hasFocus = () => false
  })
  const downloader = await Downloader.open(context, link, 'downloader', SLOW_QUERY)

  await test.step('the title shows the percentage while downloading', async () => {
    await expect(downloader.page).toHaveTitle(
      new RegExp(`^\\d{1,2} % · ${slow.name.replace(/[()]/g, '\\$&')} — Swarmdrop$`),
      { timeout: TRANSFER_TIMEOUT_MS },
    )
  })

  await test.step('completion: title, notification, and the seeder sees a finished peer', async () => {
    await downloader.waitForComplete(TRANSFER_TIMEOUT_MS)
    await expect(downloader.page).toHaveTitle(`Done · ${slow.name} — Swarmdrop`)
    await expect
      .poll(async () =>
        downloader.page.evaluate(
          () => (window as unknown as { __notifications: { title: string }[] }).__notifications,
        ),
      )
      .toEqual([{ title: 'Download complete', body: `${slow.name} is ready to save.` }])
    await expect(seeder.status()).toContainText('1 person has the whole file')
  })

  await test.step('closing while someone is connected asks first', async () => {
    // Browsers only ask once the person has interacted with the page.
    await seeder.page.getByRole('heading', { level: 1 }).click()
    const dialog = seeder.page.waitForEvent('dialog')
    await seeder.page.close({ runBeforeUnload: true })
    const shown = await dialog
    expect(shown.type()).toBe('beforeunload')
    await shown.dismiss()
    expect(seeder.page.isClosed()).toBe(false)
  })

  await test.step('Stop sharing (confirmed) takes this tab out of the swarm', async () => {
    await expect(downloader.peerRows()).toHaveCount(1)
    await seeder.page.getByTestId('stop-sharing').click()
    await expect(seeder.page.getByTestId('stop-confirm')).toContainText('1 person is connected')
    await seeder.page.getByTestId('stop-sharing').click()
    await expect(downloader.peerRows()).toHaveCount(0)
    await expect(seeder.page.getByTestId('drop-zone')).toBeVisible()
  })
})

test('[UX-2][UX-5][UX-6][UX-3] a drop on the seeding view adds a second share; remove with undo; no unload prompt with nobody connected', async ({
  browser,
}) => {
  const seeder = await Seeder.open(await newPeerContext(browser))
  await seeder.dropFile(alone.path)
  await seeder.shareLink()

  await test.step('a drop anywhere on the seeding view shares a second file alongside', async () => {
    await seeder.dropFilesOnPage([second.path])
    await expect(seeder.page.getByRole('heading', { level: 1 })).toHaveText(second.name)
    await seeder.page.getByTestId('share-another').click()
    const rows = seeder.page.locator('[data-testid="library-row"][data-state="sharing"]')
    await expect(rows).toHaveCount(2)
  })

  await test.step('Remove hides the entry and Undo brings it back', async () => {
    await seeder.page.getByRole('button', { name: `Remove ${alone.name}` }).click()
    await expect(seeder.page.locator('[data-testid="library-row"]')).toHaveCount(1)
    await seeder.page.getByRole('button', { name: `Undo removing ${alone.name}` }).click()
    await expect(seeder.page.locator('[data-testid="library-row"]')).toHaveCount(2)
  })

  await test.step('nobody connected: closing does not ask', async () => {
    let dialogs = 0
    seeder.page.on('dialog', (dialog) => {
      dialogs += 1
      void dialog.accept()
    })
    await seeder.page.getByRole('heading', { level: 2 }).first().click()
    await seeder.page.close({ runBeforeUnload: true })
    await expect.poll(() => seeder.page.isClosed()).toBe(true)
    expect(dialogs).toBe(0)
  })
})

test('[UX-9] a keyboard-only share and download', async ({ browser }) => {
  const seederPage = await (await newPeerContext(browser)).newPage()
  await seederPage.goto(`/${FAST_SWARM_QUERY}`)
  await test.step('share: skip link, then the file picker, by keyboard', async () => {
    await seederPage.keyboard.press('Tab')
    await expect(seederPage.getByText('Skip to main content')).toBeFocused()
    const chooser = seederPage.waitForEvent('filechooser')
    // Tab until the file picker has focus; it is the first control in the main view.
    for (let i = 0; i < 8; i++) {
      await seederPage.keyboard.press('Tab')
      if (
        await seederPage.getByTestId('file-input').evaluate((el) => el === document.activeElement)
      ) {
        break
      }
    }
    await seederPage.keyboard.press('Space')
    await (await chooser).setFiles(small.path)
    await expect(seederPage.getByRole('heading', { level: 1 })).toBeFocused()
  })
  const link = await seederPage.getByTestId('share-link').innerText()

  const downloaderPage = await (await newPeerContext(browser)).newPage()
  await downloaderPage.goto(`/${FAST_SWARM_QUERY}`)
  await test.step('download: paste the link in the home page field, Enter, then Save', async () => {
    await downloaderPage.getByTestId('open-link-input').focus()
    await downloaderPage.keyboard.type(link)
    await downloaderPage.keyboard.press('Enter')
    await expect(downloaderPage.getByRole('heading', { level: 1 })).toBeFocused()
    await expect(downloaderPage.getByTestId('status')).toContainText('complete', {
      timeout: TRANSFER_TIMEOUT_MS,
    })
    await downloaderPage.getByTestId('save-button').focus()
    const download = downloaderPage.waitForEvent('download')
    await downloaderPage.keyboard.press('Enter')
    const saved = `${workDir}/keyboard-${small.name}`
    await (await download).saveAs(saved)
    expect(await sha256File(saved)).toBe(small.sha256)
  })
})

test('[UX-9] axe finds no WCAG A/AA violation on any view', async ({ browser }) => {
  const page = await (await newPeerContext(browser)).newPage()
  await page.goto(`/${FAST_SWARM_QUERY}`)
  await expect(page.getByTestId('drop-zone')).toBeVisible()
  expect(await axeViolations(page), 'home').toEqual([])

  const seeder = await Seeder.open(await newPeerContext(browser))
  await seeder.dropFile(small.path)
  const link = await seeder.shareLink()
  expect(await axeViolations(seeder.page), 'seeding').toEqual([])

  const downloader = await Downloader.open(await newPeerContext(browser), link, 'downloader')
  await downloader.waitForComplete(TRANSFER_TIMEOUT_MS)
  expect(await axeViolations(downloader.page), 'download complete').toEqual([])
  await expect(seeder.status()).toContainText(/(has|have) the whole file/)
  await seeder.page.getByTestId('stop-sharing').click()
  expect(await axeViolations(seeder.page), 'stop confirmation').toEqual([])
  await seeder.page.getByTestId('keep-sharing').click()
  await seeder.page.getByTestId('share-another').click()
  await expect(seeder.page.getByTestId('library')).toBeVisible()
  expect(await axeViolations(seeder.page), 'home with library').toEqual([])

  await page.goto(`/${FAST_SWARM_QUERY}#not-a-link`)
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  expect(await axeViolations(page), 'bad link').toEqual([])
})
