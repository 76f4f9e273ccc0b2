import { readFile } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import { expect, test } from '../../fixtures/fleet.ts'
import {
  ADA,
  adaAndBobOnABoard,
  BOB,
  CanvasPage,
  contextFor,
  nodeUrls,
  uniqueCanvasId,
} from './canvasPage.ts'

type Picture =
  | { kind: 'png'; width: number; height: number }
  | { kind: 'raw'; text?: string; size?: number; type: string }

/**
 * Makes a file in the page and hands it to the canvas as the browser would: pasted (a paste event
 * whose clipboard holds it, as Ctrl+V of a copied image gives) or dropped at a canvas point.
 */
async function give(
  page: Page,
  picture: Picture,
  how: { paste: true } | { drop: { x: number; y: number } },
): Promise<void> {
  await page.evaluate(
    async ({ picture, how }) => {
      let file: File
      if (picture.kind === 'png') {
        const canvas = new OffscreenCanvas(picture.width, picture.height)
        const ctx = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D
        ctx.fillStyle = '#e03131'
        ctx.fillRect(0, 0, picture.width, picture.height)
        file = new File([await canvas.convertToBlob({ type: 'image/png' })], 'red.png', {
          type: 'image/png',
        })
      } else {
        // A PNG signature and then zeros: big enough to pass a limit, whatever it decodes to.
        const bytes = picture.text
          ? new TextEncoder().encode(picture.text)
          : new Uint8Array(picture.size ?? 0)
        if (!picture.text) bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
        file = new File([bytes], 'picture', { type: picture.type })
      }
      const data = new DataTransfer()
      data.items.add(file)
      const target = document.querySelector('[data-testid="canvas"]') as HTMLElement
      if ('paste' in how) {
        target.focus()
        target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }))
      } else {
        const box = target.getBoundingClientRect()
        const at = { clientX: box.left + how.drop.x, clientY: box.top + how.drop.y }
        target.dispatchEvent(
          new DragEvent('dragover', { dataTransfer: data, bubbles: true, ...at }),
        )
        target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, ...at }))
      }
    },
    { picture, how },
  )
}

const images = (user: CanvasPage) =>
  user.page.locator('[data-layer="shapes"] [data-shape-type="image"] image[data-loaded="true"]')

test('an image pasted on one node and one dropped appear, with their pixels, on the other node', async ({
  browser,
  fleet,
}) => {
  const id = uniqueCanvasId('images')
  const ada = new CanvasPage(await (await contextFor(browser, ADA)).newPage())
  const bob = new CanvasPage(await (await contextFor(browser, BOB)).newPage())
  const [urlA, urlB] = nodeUrls(fleet)
  await ada.open(urlA, id)
  await bob.open(urlB, id)

  await give(ada.page, { kind: 'png', width: 80, height: 60 }, { paste: true })
  await expect(images(ada)).toHaveCount(1)
  // Bob, on the other node, gets the shape and fetches its bytes from his node.
  await expect(images(bob)).toHaveCount(1, { timeout: 20_000 })
  const pasted = (await bob.doc()).shapes[0]
  expect(pasted).toMatchObject({ type: 'image', w: 80, h: 60 })

  await give(ada.page, { kind: 'png', width: 40, height: 40 }, { drop: { x: 500, y: 300 } })
  await expect(images(bob)).toHaveCount(2, { timeout: 20_000 })
  const dropped = (await bob.doc()).shapes.find((s) => s.w === 40)
  // Centred where it fell (within the rounding of a fractional page offset to canvas units).
  expect(dropped).toMatchObject({ type: 'image', w: 40, h: 40 })
  expect(Math.abs((dropped?.x ?? 0) - 480)).toBeLessThanOrEqual(1)
  expect(Math.abs((dropped?.y ?? 0) - 280)).toBeLessThanOrEqual(1)
  // The shapes are ordinary shapes: Bob moves the dropped image and Ada sees it move.
  await bob.tool('select')
  await bob.drag({ x: 500, y: 300 }, { x: 600, y: 350 })
  await expect
    .poll(async () => (await ada.doc()).shapes.find((s) => s.id === dropped?.id)?.x)
    .toBe((dropped?.x ?? 0) + 100)
})

test('an image over the size limit, or an SVG, is not added and the user is told why', async ({
  browser,
  fleet,
}) => {
  const id = uniqueCanvasId('toobig')
  const ada = new CanvasPage(await (await contextFor(browser, ADA)).newPage())
  await ada.open(nodeUrls(fleet)[0], id)
  // Over the default CANVAS_IMAGE_MAX_BYTES (5 MiB).
  await give(ada.page, { kind: 'raw', size: 6 * 1024 * 1024, type: 'image/png' }, { paste: true })
  const notice = ada.page.getByTestId('image-notice')
  await expect(notice).toContainText('larger than 5 MB (CANVAS_IMAGE_MAX_BYTES)', {
    timeout: 30_000,
  })
  await give(
    ada.page,
    { kind: 'raw', text: '<svg xmlns="http://www.w3.org/2000/svg"/>', type: 'image/svg+xml' },
    { paste: true },
  )
  await expect(notice).toContainText('only PNG, JPEG, GIF and WebP')
  expect((await ada.doc()).shapes).toHaveLength(0)
  await notice.getByRole('button', { name: 'Dismiss' }).click()
  await expect(notice).toHaveCount(0)
})

test('an image comes back with a restored version and is embedded in the SVG export', async ({
  browser,
  fleet,
}) => {
  const { ada, bob } = await adaAndBobOnABoard(browser, fleet, 'imagehistory')

  await give(ada.page, { kind: 'png', width: 50, height: 50 }, { paste: true })
  await expect(images(bob)).toHaveCount(1, { timeout: 20_000 })
  await expect(ada.status).toHaveAttribute('data-pending', '0')
  await bob.draw('ellipse', { x: 100, y: 100 }, { x: 200, y: 180 })
  await expect(ada.shapes).toHaveCount(2)
  await expect(bob.status).toHaveAttribute('data-pending', '0')

  // The SVG export carries the picture itself, so the file stands alone.
  const download = ada.page.waitForEvent('download')
  await ada.page.getByRole('button', { name: 'Export SVG' }).click()
  const svg = await readFile((await (await download).path()) as string, 'utf8')
  expect(svg).toMatch(/<image[^>]+href="data:image\/png;base64,/)

  // The pasted image is still selected: Delete removes it, then the version before comes back.
  await ada.canvas.focus()
  await ada.page.keyboard.press('Delete')
  await expect(images(bob)).toHaveCount(0)
  await expect(ada.status).toHaveAttribute('data-pending', '0')
  await ada.page.getByTestId('history-toggle').click()
  const sessions = ada.page.getByTestId('history-session')
  await expect(sessions).toHaveCount(3)
  await sessions.nth(1).getByRole('button').first().click()
  const banner = ada.page.getByRole('region', { name: 'Past version' })
  await expect(banner).toContainText('Viewing version of')
  await expect(images(ada)).toHaveCount(1)
  await banner.getByRole('button', { name: 'Restore this version' }).click()
  await expect(banner).toHaveCount(0)
  await expect(images(bob)).toHaveCount(1, { timeout: 20_000 })
  await expect(images(ada)).toHaveCount(1)
})
