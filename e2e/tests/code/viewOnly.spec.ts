import { accessToken, expect, test } from '../../fixtures/authFleet.ts'
import { ADA, BOB, CodePage, contextFor } from './codePage.ts'

// Issue 15, item 3 in the Code app: a view-only link opened on the other node shows the
// project live, with no file tools and an editor that does not take typing.
test('a view-only link shows the project live, read-only', async ({ browser, authFleet }) => {
  const [nodeA, nodeB] = [authFleet.nodes[0].url, authFleet.nodes[1].url]
  const token = accessToken(ADA.id, ADA.name, { '*': 'write' })
  const ada = new CodePage(await (await contextFor(browser, ADA)).newPage())
  await ada.page.goto(`${nodeA}/code/?token=${token}`)
  await ada.page.getByTestId('template-react').click()
  await ada.page.waitForURL(/\/code\/[A-Za-z0-9_-]+$/, { timeout: 20_000 })
  await ada.ready()
  const id = new URL(ada.page.url()).pathname.split('/')[2] as string

  const link = await ada.page.request.post(`${nodeA}/api/documents/code:${id}/shares`, {
    data: { role: 'read', expiresInHours: 1 },
    headers: { Authorization: `Bearer ${token}` },
  })
  expect(link.status()).toBe(201)
  const bob = new CodePage(await (await contextFor(browser, BOB)).newPage())
  await bob.page.goto(`${nodeB}${(await link.json()).url}`)
  await bob.page.waitForURL(`${nodeB}/code/${id}`)
  await bob.ready()
  await expect(bob.page.getByTestId('view-only')).toHaveText('View only')
  await expect(bob.page.getByTestId('new-file')).toHaveCount(0)
  await expect(bob.page.locator('.cm-content')).toHaveAttribute('contenteditable', 'false')

  // Live: Ada's typing reaches Bob.
  await ada.insertAt('end', '// shared with Bob\n')
  await expect(bob.page.locator('.cm-content')).toContainText('// shared with Bob')
})
