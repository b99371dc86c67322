import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  test,
} from '@playwright/test'

/**
 * Opens one browser context per peer — separate storage and WebRTC stacks, so no same-profile
 * shortcut — and closes them all after the spec file's tests. Call it at a spec's top level;
 * `options` is read at each open (a spec may only know its tracker's port later).
 */
export function peerContexts(
  options: () => BrowserContextOptions = () => ({}),
): (browser: Browser) => Promise<BrowserContext> {
  const contexts: BrowserContext[] = []
  test.afterAll(async () => {
    await Promise.all(contexts.map(async (context) => context.close()))
  })
  return async (browser) => {
    const context = await browser.newContext({ acceptDownloads: true, ...options() })
    contexts.push(context)
    return context
  }
}
