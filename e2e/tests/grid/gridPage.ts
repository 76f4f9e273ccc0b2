import type { Browser, BrowserContext, Locator, Page } from '@playwright/test'
import { expect } from '@playwright/test'
import { ensureDocument } from '../../fixtures/documents.ts'
import { ADA, BOB, type E2eUser, rememberIdentity } from '../../fixtures/identity.ts'

export type GridUser = E2eUser
export { ADA, BOB }

/** A browser context whose localStorage already holds this user's identity. */
export async function contextFor(browser: Browser, user: GridUser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 800 } })
  await rememberIdentity(context, user)
  return context
}

export function uniqueGridId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
}

/** The sheet as a user works with it: cells by A1 address, keyboard on the focused grid. */
export class GridPage {
  readonly page: Page

  constructor(page: Page) {
    this.page = page
  }

  async open(nodeUrl: string, gridId: string): Promise<void> {
    await ensureDocument(this.page, nodeUrl, 'grid', gridId)
    await this.page.goto(`${nodeUrl}/grid/${gridId}`)
    // The live sheet's A1: the node's read-only first screen (decision 0195) may show it sooner.
    await expect(this.page.getByTestId('grid').locator('[data-cell="A1"]')).toBeVisible({
      timeout: 20_000,
    })
    await expect(this.status).toHaveAttribute('data-state', 'connected', { timeout: 20_000 })
  }

  cell(address: string): Locator {
    return this.page.locator(`[data-cell="${address}"]`)
  }

  get status(): Locator {
    return this.page.getByTestId('connection-status')
  }

  get presence(): Locator {
    return this.page.getByTestId('presence')
  }

  async select(address: string): Promise<void> {
    await this.cell(address).click()
  }

  /** Types into a cell as a user would: select, type (starts the editor), Enter. */
  async type(address: string, text: string): Promise<void> {
    await this.select(address)
    await this.page.keyboard.type(text)
    await this.page.keyboard.press('Enter')
  }

  /** Delivers a clipboard paste of `text` to the focused sheet, as Ctrl+V from another app would. */
  async paste(text: string): Promise<void> {
    await this.page.evaluate((data) => {
      const dt = new DataTransfer()
      dt.setData('text/plain', data)
      document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true }))
    }, text)
  }

  /** Ctrl+C on the focused sheet: every type the sheet put on the clipboard. */
  async copy(): Promise<Record<string, string>> {
    return this.page.evaluate(() => {
      const dt = new DataTransfer()
      document.dispatchEvent(new ClipboardEvent('copy', { clipboardData: dt, bubbles: true }))
      return Object.fromEntries(dt.types.map((t) => [t, dt.getData(t)]))
    })
  }

  /** Ctrl+V of what `copy` returned (on this page or another user's). */
  async pasteCopied(data: Record<string, string>): Promise<void> {
    await this.page.evaluate((entries) => {
      const dt = new DataTransfer()
      for (const [type, value] of Object.entries(entries)) dt.setData(type, value)
      document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true }))
    }, data)
  }
}
