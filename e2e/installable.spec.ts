import type { ChildProcess } from 'node:child_process'

import { type Page, chromium, expect, test } from '@playwright/test'

import { chromiumArgs, findChromium } from './support/browser.ts'
import { type TestFile, makeTempDir, removeDir, writeRandomFile } from './support/files.ts'
import { startOwnServer, stopOwnServer } from './support/own-server.ts'
import { peerContexts } from './support/peer-contexts.ts'
import { freePort } from '../apps/tracker/src/free-port.ts'

const FILE_NAME = 'shared from another app.bin'

let port: number
let server: ChildProcess | undefined
let workDir: string
let file: TestFile
// Pointed at this spec's own server, so the offline test can stop it.
const newContext = peerContexts(() => ({ baseURL: `http://127.0.0.1:${port}` }))

/** Waits until the service worker controls the page (it claims its first page on activation). */
async function controlledByWorker(page: Page): Promise<void> {
  await expect
    .poll(async () => page.evaluate(() => navigator.serviceWorker.controller !== null), {
      message: 'service worker in control',
    })
    .toBe(true)
}

test.beforeAll(async () => {
  workDir = await makeTempDir('installable')
  file = await writeRandomFile(workDir, FILE_NAME, 256 * 1024)
  port = await freePort()
  server = await startOwnServer(port)
})

test.afterAll(async () => {
  if (server !== undefined) {
    await stopOwnServer(server)
  }
  await removeDir(workDir)
})

test('[PWA-1] [PWA-2] Chromium finds the app installable: no installability errors, icons and manifest served', async () => {
  // A persistent profile: Chromium never offers to install from an incognito one, which every
  // browser.newContext() is (the check would report only "in-incognito").
  const executablePath = findChromium()
  const context = await chromium.launchPersistentContext(`${workDir}/profile`, {
    ...(executablePath === undefined ? {} : { executablePath }),
    args: chromiumArgs(),
    baseURL: `http://127.0.0.1:${port}`,
  })
  try {
    const page = context.pages()[0] ?? (await context.newPage())
    await page.goto('/')
    await controlledByWorker(page)
    const cdp = await context.newCDPSession(page)
    await expect
      .poll(async () => {
        const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
          installabilityErrors: { errorId: string }[]
        }
        return installabilityErrors.map((error) => error.errorId)
      })
      .toEqual([])
    for (const path of ['/favicon.ico', '/icons/icon-192.png', '/icons/icon-512.png']) {
      const response = await page.request.get(path)
      expect(response.status(), path).toBe(200)
    }
    const manifest = await page.request.get('/manifest.webmanifest')
    expect(manifest.headers()['content-type']).toContain('application/manifest+json')
  } finally {
    await context.close()
  }
})

test('[PWA-3] with the server down, a reload shows Swarmdrop from the service worker, saying the server is unreachable and retrying', async ({
  browser,
}) => {
  const page = await (await newContext(browser)).newPage()
  await page.goto('/')
  await controlledByWorker(page)
  await expect(page.getByTestId('server-unreachable')).toHaveCount(0)

  await stopOwnServer(server as ChildProcess)
  await page.reload()
  await expect(page.getByRole('link', { name: 'Swarmdrop' })).toBeVisible()
  await expect(page.getByTestId('server-unreachable')).toContainText(
    /can't reach the Swarmdrop server/i,
  )
  await expect(page.getByTestId('drop-zone')).toBeVisible()

  // The server comes back on the same port: the page notices by itself, no reload.
  server = await startOwnServer(port)
  await expect(page.getByTestId('server-unreachable')).toHaveCount(0)
})

test('[PWA-4] a file shared to the Web Share Target is seeded', async ({ browser }) => {
  const page = await (await newContext(browser)).newPage()
  await page.goto('/')
  await controlledByWorker(page)
  // What the share sheet does: a multipart POST navigation to the manifest's share_target.
  const manifest = (await (await page.request.get('/manifest.webmanifest')).json()) as {
    share_target: { action: string; params: { files: { name: string }[] } }
  }
  const field = manifest.share_target.params.files[0]?.name ?? 'files'
  await page.evaluate(
    ({ action, field }) => {
      const form = document.createElement('form')
      form.id = 'share-target-form'
      form.method = 'POST'
      form.enctype = 'multipart/form-data'
      form.action = action
      const input = document.createElement('input')
      input.type = 'file'
      input.name = field
      input.id = 'share-target-files'
      form.append(input)
      document.body.append(form)
    },
    { action: manifest.share_target.action, field },
  )
  await page.locator('#share-target-files').setInputFiles(file.path)
  await page.evaluate(() =>
    (document.getElementById('share-target-form') as HTMLFormElement).submit(),
  )
  await expect(page.getByTestId('share-link')).toBeVisible({ timeout: 60_000 })
  await expect(page.getByText(FILE_NAME).first()).toBeVisible()
  // The redirect's ?shared=… is gone: a reload must not look for the batch again.
  expect(new URL(page.url()).search).toBe('')
})
