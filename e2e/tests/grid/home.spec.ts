import { expect, test } from '../../fixtures/fleet.ts'
import { ADA, BOB, contextFor, GridPage, uniqueGridId } from './gridPage.ts'

test('create on the home page, find it from another node, rename, trash and restore it', async ({
  browser,
  fleet,
}) => {
  const title = `Roadmap ${uniqueGridId('home')}`
  const ada = await (await contextFor(browser, ADA)).newPage()
  await ada.goto(fleet.nodes[0].url)
  await expect(ada.getByRole('heading', { level: 1 })).toHaveText('Weft')
  const create = ada.getByRole('region', { name: 'New document' })
  await create.getByLabel('Kind').selectOption('grid')
  await create.getByLabel('Title').fill(title)
  await create.getByRole('button', { name: 'Create' }).click()
  await ada.waitForURL(/\/grid\/[0-9a-f]{12}$/)
  const id = new URL(ada.url()).pathname.split('/')[2] as string
  const grid = new GridPage(ada)
  await expect(grid.cell('A1')).toBeVisible({ timeout: 20_000 })
  await grid.type('A1', 'planned')

  // Bob, on the other node, finds it by title, sees who edited it and that Ada is in it now.
  const bob = await (await contextFor(browser, BOB)).newPage()
  await bob.goto(fleet.nodes[1].url)
  await bob.getByLabel('Search by title').fill(title.slice(0, -2).toLowerCase())
  const row = bob.locator(`tr[data-name="grid:${id}"]`)
  await expect(row.getByRole('link', { name: title })).toHaveAttribute('href', `/grid/${id}`)
  await expect(row.locator('td.kind')).toHaveText('grid')
  await expect(row.locator('td.who')).toContainText('Ada')

  await row.getByRole('button', { name: 'Rename' }).click()
  const dialog = bob.getByRole('dialog', { name: 'Rename' })
  await dialog.getByLabel('Title').fill(`${title} (final)`)
  await dialog.getByRole('button', { name: 'Save' }).click()
  await bob.getByLabel('Search by title').fill(`${title} (final)`)
  await expect(row.getByRole('link', { name: `${title} (final)` })).toBeVisible()

  await row.getByRole('button', { name: 'Move to trash' }).click()
  await expect(row).toHaveCount(0)
  await bob.getByRole('button', { name: 'Trash', exact: true }).click()
  await expect(row).toContainText(`${title} (final)`)
  await row.getByRole('button', { name: 'Restore' }).click()
  await expect(row).toHaveCount(0)
  await bob.getByRole('button', { name: 'Recent', exact: true }).click()
  await expect(row.getByRole('link', { name: `${title} (final)` })).toBeVisible()
})
