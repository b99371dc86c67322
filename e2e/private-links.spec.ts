import { expect, test } from '@playwright/test'

import { Downloader, sha256File } from './actors/downloader.ts'
import { FAST_SWARM_QUERY } from './actors/query.ts'
import { Seeder } from './actors/seeder.ts'
import { type TestFile, makeTempDir, removeDir, writeRandomFile } from './support/files.ts'
import { peerContexts } from './support/peer-contexts.ts'

const TRANSFER_TIMEOUT_MS = 120_000

let workDir: string
let file: TestFile
const newPeerContext = peerContexts()

test.beforeAll(async () => {
  workDir = await makeTempDir('private')
  file = await writeRandomFile(workDir, 'private payload.bin', 2 * 1024 * 1024)
})

test.afterAll(async () => {
  await removeDir(workDir)
})

test('[MD-10] the same file shared twice gives two links; a reload gets its link back; "New link" a new one', async ({
  browser,
}) => {
  const first = await Seeder.open(await newPeerContext(browser))
  await first.dropFile(file.path)
  const linkA = await first.shareLink()
  const second = await Seeder.open(await newPeerContext(browser))
  await second.dropFile(file.path)
  const linkB = await second.shareLink()
  expect(linkA).toMatch(/#2\.[A-Za-z0-9_-]{43}$/)
  expect(linkB).not.toBe(linkA)

  // The same tab reloaded, the same file dropped again: the remembered salt, the same link.
  await first.page.goto(`/${FAST_SWARM_QUERY}`)
  await first.dropFile(file.path)
  expect(await first.shareLink()).toBe(linkA)

  await first.page.getByTestId('new-link-button').click()
  await expect.poll(async () => first.shareLink(), { timeout: TRANSFER_TIMEOUT_MS }).not.toBe(linkA)
  const linkC = await first.shareLink()
  expect(linkC).not.toBe(linkB)
})

test('[PL-5] a password-protected share downloads with the password and says "Wrong password" without it', async ({
  browser,
}) => {
  const seeder = await Seeder.open(await newPeerContext(browser))
  await seeder.page.getByTestId('share-password').fill('correct horse')
  await seeder.dropFile(file.path)
  const link = await seeder.shareLink()
  expect(link).toMatch(/#2p\.[A-Za-z0-9_-]{43}$/)

  const wrong = await Downloader.open(await newPeerContext(browser), link, 'wrong password')
  await wrong.page.getByTestId('password-input').fill('battery staple')
  await wrong.page.getByTestId('password-submit').click()
  await expect(wrong.page.getByTestId('wrong-password')).toContainText('Wrong password', {
    timeout: TRANSFER_TIMEOUT_MS,
  })
  expect(await wrong.progress()).toBe(0)

  // The retry, with the right one, on the same page.
  await wrong.page.getByTestId('password-input').fill('correct horse')
  await wrong.page.getByTestId('password-submit').click()
  await wrong.waitForComplete(TRANSFER_TIMEOUT_MS)
  const saved = await wrong.save(`${workDir}/saved`)
  expect(await sha256File(saved.path)).toBe(file.sha256)
})
