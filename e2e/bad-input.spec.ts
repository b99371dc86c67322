import { randomBytes } from 'node:crypto'

import { type Page, expect, test } from '@playwright/test'

import { FAST_SWARM_QUERY } from './actors/query.ts'
import { Seeder } from './actors/seeder.ts'
import { makeTempDir, removeDir, writeEmptyFile } from './support/files.ts'
import { randomFragment } from './support/links.ts'

/** Asserts the page shows no download progress: no bar, or a bar still at 0. */
async function expectNoProgress(page: Page): Promise<void> {
  const bar = page.getByTestId('progress')
  if ((await bar.count()) > 0) {
    await expect(bar.first()).toHaveAttribute('aria-valuenow', '0')
  }
}

test('[MD-5] a malformed share link is refused with a clear message', async ({ page }) => {
  await page.goto(`/${FAST_SWARM_QUERY}#not-a-swarm`)
  await expect(page.locator('body')).toContainText(/malformed|invalid|not a valid/i)
  await expectNoProgress(page)
  // MD-5: refused before anything is contacted, so there is no download state at all.
  await expect(page.locator('body')).not.toContainText('complete')
})

test('[PL-1] an old SWD1 link (#<64 hex>) says it is from an older Swarmdrop', async ({ page }) => {
  await page.goto(`/${FAST_SWARM_QUERY}#${randomBytes(32).toString('hex')}`)
  await expect(page.locator('body')).toContainText(/older version of Swarmdrop/)
  await expect(page.locator('body')).toContainText(/new link/)
  await expectNoProgress(page)
})

test('[TR-2][TR-4] a well-formed link to an unknown swarm keeps waiting and says so', async ({
  page,
}) => {
  await page.goto(`/${FAST_SWARM_QUERY}${randomFragment()}`)
  const status = page.getByTestId('status')
  // UX-1: says nobody with the file is online and that the page keeps looking.
  await expect(status).toContainText(/nobody who has this file is online.*keeps looking/i)
  await expect(status).not.toContainText('complete')
  await expectNoProgress(page)
})

test('[MD-6] a 0-byte file is refused with a clear message', async ({ context }) => {
  const dir = await makeTempDir('empty')
  try {
    const file = await writeEmptyFile(dir, 'empty.txt')
    const seeder = await Seeder.open(context)
    await seeder.dropFile(file.path)
    await expect(seeder.page.locator('body')).toContainText(/empty|0 bytes|zero/i)
    await expect(seeder.shareLinkElement()).toHaveCount(0)
  } finally {
    await removeDir(dir)
  }
})

test('[TR-11] an unreachable tracker is reported while the page keeps retrying', async ({
  page,
}) => {
  // Cut this page off from the tracker: Socket.IO's HTTP long-polling and its WebSocket.
  await page.route('**/socket.io/**', async (route) => route.abort('connectionrefused'))
  await page.routeWebSocket(/\/socket\.io\//, (socket) => {
    socket.close()
  })
  await page.goto(`/${FAST_SWARM_QUERY}${randomFragment()}`)
  await expect(page.locator('body')).toContainText(
    /unreachable|reconnecting|cannot reach|can't reach|offline/i,
  )
  await expect(page.getByTestId('status')).not.toContainText('complete')
})
