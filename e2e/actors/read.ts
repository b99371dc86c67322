import type { Locator, Page } from '@playwright/test'

/** An element's `value` when it is a form field, else its text, trimmed. */
export async function readValueOrText(element: Locator): Promise<string> {
  return element.evaluate((node) =>
    (node instanceof HTMLInputElement || node instanceof HTMLTextAreaElement
      ? node.value
      : (node.textContent ?? '')
    ).trim(),
  )
}

/** This tab's total upload: `[data-testid="uploaded-bytes"]`'s `data-bytes`, 0 before it shows. */
export async function readUploadedBytes(page: Page): Promise<number> {
  const element = page.getByTestId('uploaded-bytes')
  if ((await element.count()) === 0) {
    return 0
  }
  const value = await element.first().getAttribute('data-bytes')
  return value === null ? 0 : Number(value)
}
