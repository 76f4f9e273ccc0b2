import type { Browser, BrowserContext, Locator, Page } from '@playwright/test'
import { expect } from '@playwright/test'
import { ADA, BOB, type E2eUser, rememberIdentity } from '../../fixtures/identity.ts'

export type CodeUser = E2eUser
export { ADA, BOB }

/** A browser context whose localStorage already holds this user's identity. */
export async function contextFor(
  browser: Browser,
  user: CodeUser,
  device: 'desktop' | 'phone' = 'desktop',
): Promise<BrowserContext> {
  const context = await browser.newContext(
    device === 'phone'
      ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }
      : { viewport: { width: 1400, height: 850 } },
  )
  await rememberIdentity(context, user)
  return context
}

type Hook = {
  applyToOpenFile: (txns: [number, number, string][][]) => void
  openFileText: () => string | null
  editorText: () => string | null
  paths: () => string[]
  contents: () => Promise<Record<string, string>>
}
type HookWindow = { __codeTest: Hook }

/** The Code app as a user works with it: tree rows by path, the editor by keyboard. */
export class CodePage {
  readonly page: Page

  constructor(page: Page) {
    this.page = page
  }

  get status(): Locator {
    return this.page.getByTestId('connection-status')
  }

  get editor(): Locator {
    return this.page.getByTestId('editor')
  }

  item(path: string): Locator {
    return this.page.locator(`[data-testid="tree-item"][data-path="${path}"]`)
  }

  /** /code/ → template picker → the new project; returns its id. */
  async create(nodeUrl: string, template: string): Promise<string> {
    await this.page.goto(`${nodeUrl}/code/`)
    await this.page.getByTestId(`template-${template}`).click()
    await this.page.waitForURL(/\/code\/[A-Za-z0-9_-]+$/, { timeout: 20_000 })
    await this.ready()
    return new URL(this.page.url()).pathname.split('/')[2] as string
  }

  async open(nodeUrl: string, projectId: string): Promise<void> {
    await this.page.goto(`${nodeUrl}/code/${projectId}`)
    await this.ready()
  }

  async ready(): Promise<void> {
    await expect(this.page.getByTestId('tree')).toBeVisible({ timeout: 20_000 })
    await expect(this.status).toHaveAttribute('data-state', 'connected', { timeout: 20_000 })
    await expect(this.editor).toHaveAttribute('data-ready', 'true', { timeout: 20_000 })
  }

  async openFile(path: string): Promise<void> {
    await this.item(path).click()
    const tab = this.page.locator(`[data-testid="tab"][data-path="${path}"]`)
    await expect(tab.getByRole('tab', { selected: true })).toBeVisible()
    await expect(this.page.locator('.cm-content')).toBeVisible()
  }

  /** Types at the start or end of the open file. Avoid brackets and quotes: they auto-close. */
  async typeAt(where: 'start' | 'end', text: string): Promise<void> {
    await this.page.locator('.cm-content').click()
    await this.page.keyboard.press(where === 'start' ? 'Control+Home' : 'Control+End')
    await this.page.keyboard.type(text)
  }

  /**
   * Inserts `text` at the start or end of the open file as one input (a paste or an IME commit):
   * one undo step whatever the machine's speed. Typing key by key makes one step per pause of
   * 500 ms (the UndoManager's capture window), which a busy machine's keystrokes exceed.
   */
  async insertAt(where: 'start' | 'end', text: string): Promise<void> {
    await this.page.locator('.cm-content').click()
    await this.page.keyboard.press(where === 'start' ? 'Control+Home' : 'Control+End')
    await this.page.keyboard.insertText(text)
  }

  /** Selects an entry, then names it through the inline field (new file/folder or rename). */
  async nameVia(button: 'new-file' | 'new-folder' | 'rename', name: string, select?: string) {
    if (select) await this.item(select).click()
    await this.page.getByTestId(button).click()
    const input = this.page.getByTestId('name-input')
    await input.fill(name)
    await input.press('Enter')
    await expect(input).toHaveCount(0)
  }

  /** Deletes through the toolbar and its confirmation dialog. */
  async remove(path: string): Promise<void> {
    await this.item(path).click()
    await this.page.getByTestId('delete').click()
    const dialog = this.page.getByRole('dialog', { name: /^Delete / })
    await expect(dialog).toBeVisible()
    await dialog.getByRole('button', { name: 'Delete' }).click()
    await expect(this.item(path)).toHaveCount(0)
  }

  /** The notice about a delete of `path` ("Bob deleted src/components/Counter.jsx…"). */
  notice(path: string): Locator {
    return this.page.locator(`[data-testid="delete-notice"][data-path="${path}"]`)
  }

  openFileText(): Promise<string | null> {
    return this.page.evaluate(() => (window as unknown as HookWindow).__codeTest.openFileText())
  }

  editorText(): Promise<string | null> {
    return this.page.evaluate(() => (window as unknown as HookWindow).__codeTest.editorText())
  }

  paths(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as HookWindow).__codeTest.paths())
  }

  contents(): Promise<Record<string, string>> {
    return this.page.evaluate(() => (window as unknown as HookWindow).__codeTest.contents())
  }

  applyToOpenFile(txns: [number, number, string][][]): Promise<void> {
    return this.page.evaluate(
      (t) => (window as unknown as HookWindow).__codeTest.applyToOpenFile(t),
      txns,
    )
  }
}
