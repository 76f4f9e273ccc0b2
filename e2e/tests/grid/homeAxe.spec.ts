// The pages outside the apps: the home page with documents in it, and the error pages a browser
// is shown (a path nothing serves, an app address no document can have).
import { axeFindings } from '../../fixtures/axe.ts'
import { expect, test } from '../../fixtures/fleet.ts'
import { ADA, contextFor, uniqueGridId } from './gridPage.ts'

test('axe finds nothing moderate or worse on the home page and the error pages', async ({
  browser,
  fleet,
}) => {
  const page = await (await contextFor(browser, ADA)).newPage()
  const title = `Axe ${uniqueGridId('home-axe')}`
  const created = await page.request.post(`${fleet.nodes[0].url}/api/documents`, {
    data: { kind: 'grid', title },
  })
  expect(created.status()).toBe(201)

  await page.goto(fleet.nodes[0].url)
  await expect(page.getByRole('link', { name: title })).toBeVisible()
  expect(await axeFindings(page)).toEqual([])

  const missing = await page.goto(`${fleet.nodes[0].url}/no-such-page`)
  expect(missing?.status()).toBe(404)
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  expect(await axeFindings(page)).toEqual([])

  const invalid = await page.goto(`${fleet.nodes[1].url}/grid/a%2Fb`)
  expect(invalid?.status()).toBe(404)
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  expect(await axeFindings(page)).toEqual([])
})
