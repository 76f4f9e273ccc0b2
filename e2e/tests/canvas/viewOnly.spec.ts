import { accessToken, expect, test } from '../../fixtures/authFleet.ts'
import { ADA, BOB, CanvasPage, contextFor } from './canvasPage.ts'

// Issue 15, item 3 on the canvas: a view-only link opened on the other node shows the drawing
// live, with no drawing tools, and a drag moves nothing.
test('a view-only link shows the canvas live, without tools', async ({ browser, authFleet }) => {
  const [nodeA, nodeB] = [authFleet.nodes[0].url, authFleet.nodes[1].url]
  const id = `view-${Date.now().toString(36)}`
  const token = accessToken(ADA.id, ADA.name, { '*': 'write' })
  const ada = new CanvasPage(await (await contextFor(browser, ADA)).newPage())
  const headers = { Authorization: `Bearer ${token}` }
  const api = ada.page.request
  expect(
    (await api.post(`${nodeA}/api/documents`, { data: { kind: 'canvas', id }, headers })).status(),
  ).toBe(201)
  await ada.page.goto(`${nodeA}/canvas/${id}?token=${token}`)
  await expect(ada.canvas).toBeVisible({ timeout: 20_000 })
  await expect(ada.status).toHaveAttribute('data-state', 'connected', { timeout: 20_000 })
  await ada.draw('rect', { x: 100, y: 100 }, { x: 200, y: 180 })
  await expect(ada.shapes).toHaveCount(1)

  const link = await api.post(`${nodeA}/api/documents/canvas:${id}/shares`, {
    data: { role: 'read', expiresInHours: 1 },
    headers,
  })
  expect(link.status()).toBe(201)
  const bob = new CanvasPage(await (await contextFor(browser, BOB)).newPage())
  await bob.page.goto(`${nodeB}${(await link.json()).url}`)
  await bob.page.waitForURL(`${nodeB}/canvas/${id}`)
  await expect(bob.shapes).toHaveCount(1, { timeout: 20_000 })
  await expect(bob.page.getByTestId('view-only')).toHaveText('View only')
  await expect(bob.page.getByRole('toolbar', { name: 'Drawing tools' })).toHaveCount(0)
  const before = JSON.stringify((await ada.doc()).shapes)
  await bob.drag({ x: 150, y: 140 }, { x: 400, y: 400 })

  // Live: Ada's next shape reaches Bob; the first one is where Ada put it, for both.
  await ada.draw('ellipse', { x: 300, y: 100 }, { x: 380, y: 160 })
  await expect(bob.shapes).toHaveCount(2)
  const first = (await ada.doc()).shapes[0]
  expect(JSON.stringify([first])).toBe(JSON.stringify(JSON.parse(before).slice(0, 1)))
  expect(JSON.stringify((await bob.doc()).shapes)).toBe(JSON.stringify((await ada.doc()).shapes))
})
