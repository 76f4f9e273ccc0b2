import { readFile } from 'node:fs/promises'
import { expect, test } from '../../fixtures/fleet.ts'
import { ADA, CanvasPage, contextFor, nodeUrls } from './canvasPage.ts'

test('a fresh board gets an id; resize, duplicate, delete and SVG export work', async ({
  browser,
  fleet,
}) => {
  const ada = new CanvasPage(await (await contextFor(browser, ADA)).newPage())
  const [url] = nodeUrls(fleet)
  await ada.page.goto(`${url}/canvas/`)
  await expect(ada.page).toHaveURL(/\/canvas\/[A-Za-z0-9_-]{6,}$/)
  await expect(ada.status).toHaveAttribute('data-state', 'connected', { timeout: 20_000 })

  await ada.draw('rect', { x: 100, y: 100 }, { x: 200, y: 160 })
  // The new shape is selected: drag its resize handle from (204, 164) to (304, 224).
  await ada.drag({ x: 204, y: 164 }, { x: 304, y: 224 })
  await expect.poll(async () => (await ada.doc()).shapes[0]).toMatchObject({ w: 200, h: 120 })

  await ada.page.keyboard.press('Control+d')
  await expect(ada.shapes).toHaveCount(2)
  const [orig, copy] = (await ada.doc()).shapes
  expect(copy).toMatchObject({ x: (orig?.x ?? 0) + 16, y: (orig?.y ?? 0) + 16, w: 200 })
  await ada.page.keyboard.press('Delete')
  await expect(ada.shapes).toHaveCount(1)

  const download = ada.page.waitForEvent('download')
  await ada.page.getByRole('button', { name: 'Export SVG' }).click()
  const file = await (await download).path()
  const svg = await readFile(file, 'utf8')
  expect(svg).toContain('<svg')
  expect(svg).toContain('width="200"')
  expect(svg).not.toContain('class="hit"')
})
