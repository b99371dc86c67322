import { type Page, expect, test } from '@playwright/test'

import { Downloader } from './actors/downloader.ts'
import { Seeder } from './actors/seeder.ts'
import { type TestFile, makeTempDir, removeDir, writeRandomFile } from './support/files.ts'
import { peerContexts } from './support/peer-contexts.ts'
import { untranslated } from './support/untranslated.ts'

const FILE_NAME = 'languages payload (e2e).bin'
const FILE_SIZE_BYTES = 512 * 1024
const TRANSFER_TIMEOUT_MS = 90_000

let workDir: string
let file: TestFile
const newKoreanContext = peerContexts(() => ({ locale: 'ko-KR' }))
const newEnglishContext = peerContexts(() => ({ locale: 'en-US' }))

test.beforeAll(async () => {
  workDir = await makeTempDir('languages')
  file = await writeRandomFile(workDir, FILE_NAME, FILE_SIZE_BYTES)
})

test.afterAll(async () => {
  await removeDir(workDir)
})

/** Shown as they are in every language: the distribution-time formula (SPEC SP-2's glance). */
const FORMULAS = [
  'max(F/u_s, F/d_min, N·F/(u_s + Σu_i))',
  'N·F / (u_s + Σu_i)',
  'F / d_min',
  'F / u_s',
]

/** Texts that are data, not UI: the file's name, the formulas, the neighbours' short ids. */
async function dataTexts(page: Page): Promise<string[]> {
  const ids = await page
    .getByTestId('peer-row')
    .evaluateAll((rows) => rows.map((row) => (row.getAttribute('data-peer-id') ?? '').slice(0, 8)))
  return [FILE_NAME, ...FORMULAS, ...ids.filter((id) => id !== '')]
}

/** The page's visible text, the details of every <details> included (opened first). */
async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    for (const details of Array.from(document.querySelectorAll('details'))) {
      details.open = true
    }
    return document.body.innerText
  })
}

test('[LANG-1] a ko-KR browser gets the Korean UI on the home, seeding and download views, nothing left in English', async ({
  browser,
}) => {
  const seeder = await Seeder.open(await newKoreanContext(browser))
  await expect(seeder.page.locator('html')).toHaveAttribute('lang', 'ko')
  await expect(seeder.page.getByTestId('language-switch')).toHaveValue('ko')
  await test.step('home', async () => {
    await expect(seeder.page.getByTestId('drop-zone')).toBeVisible()
    expect(untranslated(await visibleText(seeder.page))).toEqual([])
  })

  await seeder.dropFile(file.path)
  const link = await seeder.shareLink()
  const downloader = await Downloader.open(await newKoreanContext(browser), link, 'downloader')
  await test.step('download, complete', async () => {
    await expect(downloader.progressBar()).toHaveAttribute('aria-valuenow', '100', {
      timeout: TRANSFER_TIMEOUT_MS,
    })
    await expect(downloader.page.getByTestId('peer-row')).toHaveCount(1)
    expect(
      untranslated(await visibleText(downloader.page), await dataTexts(downloader.page)),
    ).toEqual([])
  })
  await test.step('seeding, with a neighbour', async () => {
    await expect(seeder.page.getByTestId('peer-row')).toHaveCount(1)
    expect(untranslated(await visibleText(seeder.page), await dataTexts(seeder.page))).toEqual([])
  })
})

test('[LANG-2] [LANG-3] the language switch changes the language at once, and is remembered', async ({
  browser,
}) => {
  const context = await newEnglishContext(browser)
  const page = await context.newPage()
  await page.goto('/')
  const html = page.locator('html')
  await expect(html).toHaveAttribute('lang', 'en')
  const switcher = page.getByTestId('language-switch')
  await expect(switcher).toHaveValue('en')
  await expect(page.getByLabel('Language')).toBeVisible()

  await switcher.selectOption('ko')
  await expect(html).toHaveAttribute('lang', 'ko')
  await expect(page.getByLabel('언어')).toBeVisible()

  await page.reload()
  await expect(html).toHaveAttribute('lang', 'ko')
  await expect(page.getByTestId('language-switch')).toHaveValue('ko')
  expect(untranslated(await visibleText(page))).toEqual([])

  await page.getByTestId('language-switch').selectOption('en')
  await expect(html).toHaveAttribute('lang', 'en')
  await expect(page.getByLabel('Language')).toBeVisible()
})
