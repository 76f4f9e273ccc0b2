import type { FrameLocator } from '@playwright/test'
import { expect, test } from '../../fixtures/fleet.ts'
import { ADA, BOB, CodePage, contextFor } from './codePage.ts'

// The React, Vue and Svelte templates run in the preview: bundled in the browser, with the
// packages from the node. Ada works on node A, Bob watches on node B.
const CASES = [
  {
    template: 'react',
    app: 'src/App.jsx',
    counter: 'src/components/Counter.jsx',
    // A syntax error esbuild reports in the file itself.
    broken: '\nconst broken = (\n',
  },
  {
    template: 'vue',
    app: 'src/App.vue',
    counter: 'src/components/Counter.vue',
    // An error of Vue's compiler: a component has one template.
    broken: '\n<template><p>second</p></template>\n',
  },
  {
    template: 'svelte',
    app: 'src/App.svelte',
    counter: 'src/lib/Counter.svelte',
    // An error of Svelte's compiler.
    broken: '\n{#if}\n',
  },
] as const

/**
 * Generous: the first build fetches and compiles esbuild's WebAssembly (14 MB, 3 MB sent), which
 * took 24 s on this two-core machine under the load of several test suites.
 */
const FIRST_RENDER = { timeout: 180_000 }

/** A rebuild after an edit: quick, but the machine may be loaded by other suites. */
const REBUILD = { timeout: 60_000 }

// Two users' first builds, then the steps: above the config's backstop for one story.
test.describe.configure({ timeout: 480_000 })

function frameOf(page: CodePage): FrameLocator {
  return page.page.frameLocator('[data-testid="preview"]')
}

for (const c of CASES) {
  test(`${c.template}: the preview runs, follows edits from another node, shows build errors and deleted imports`, async ({
    browser,
    fleet,
  }) => {
    const ada = new CodePage(await (await contextFor(browser, ADA)).newPage())
    const bob = new CodePage(await (await contextFor(browser, BOB)).newPage())
    const id = await ada.create(fleet.nodes[0].url, c.template)
    const opened = Date.now()
    await bob.open(fleet.nodes[1].url, id)

    // Bob sees the template's page and can use it.
    const bobFrame = frameOf(bob)
    await expect(bobFrame.getByRole('heading', { name: 'Hello, world!' })).toBeVisible(FIRST_RENDER)
    const firstRender = Date.now() - opened
    test.info().annotations.push({ type: 'first render (ms)', description: String(firstRender) })
    console.log(`${c.template}: preview's first render ${firstRender} ms after opening the project`)
    // The button is in the frame's DOM before it is on screen: on a loaded machine the display
    // lagged by seconds, and a click then went to the empty frame Bob saw (issue #16). Bob clicks
    // what he sees: the page once the app says it is drawn.
    const bobPreview = bob.page.getByTestId('preview')
    await expect(bobPreview).toHaveAttribute('data-state', 'ready', REBUILD)
    await expect(bobPreview).toHaveAttribute('aria-busy', 'false')
    await bobFrame.getByRole('button', { name: 'Clicked 0 times' }).click()
    await expect(bobFrame.getByRole('button', { name: 'Clicked 1 time' })).toBeVisible()
    // Nothing was edited: the page Bob used is the first and only one built.
    await expect(bobPreview).toHaveAttribute('data-page', '1')

    // Ada's edit on node A rebuilds Bob's preview on node B.
    await ada.openFile(c.app)
    const text = (await ada.openFileText()) ?? ''
    await ada.applyToOpenFile([[[text.indexOf('Hello, '), 0, 'Greetings! ']]])
    await expect(bobFrame.getByRole('heading', { name: 'Greetings! Hello, world!' })).toBeVisible(
      REBUILD,
    )

    // A syntax error shows where it is, over the last good page; undoing it clears it.
    await ada.insertAt('end', c.broken)
    const buildError = bob.page.getByTestId('preview-build-error')
    await expect(buildError).toBeVisible(REBUILD)
    await expect(buildError.locator(`li[data-file="${c.app}"]`)).toBeVisible()
    await expect(buildError).toContainText(new RegExp(`${c.app.replace('.', '\\.')}:\\d+`))
    await ada.page.keyboard.press('Control+z')
    await expect(buildError).toBeHidden(REBUILD)
    await expect(bobFrame.getByRole('heading', { name: 'Greetings! Hello, world!' })).toBeVisible(
      REBUILD,
    )

    // Bob deletes the counter the app imports: Ada's app file is marked, her preview names the
    // missing file, and she restores it from the warning.
    await bob.remove(c.counter)
    const bobError = bob.page.getByTestId('preview-build-error')
    await expect(bobError).toContainText('in the trash', REBUILD)
    const mark = ada.item(c.app).getByTestId('missing-import-mark')
    await expect(mark).toBeVisible()
    await expect(
      ada.page
        .locator(`[data-testid="tab"][data-path="${c.app}"]`)
        .getByTestId('missing-import-mark'),
    ).toBeVisible()
    const adaError = ada.page.getByTestId('preview-build-error')
    await expect(adaError).toContainText(c.counter.split('/').pop() as string, REBUILD)
    await expect(adaError).toContainText('in the trash')
    const bar = ada.page.getByTestId('missing-imports')
    await bar.getByRole('button', { name: /^Restore / }).click()
    await expect(mark).toBeHidden()
    await expect(adaError).toBeHidden(REBUILD)
    await expect(ada.item(c.counter)).toBeVisible()
    await expect(bobError).toBeHidden(REBUILD)
    await expect(bobFrame.getByRole('button', { name: 'Clicked 0 times' })).toBeVisible()
  })
}

test('an import of a package the node does not provide says which, and what is available', async ({
  browser,
  fleet,
}) => {
  const ada = new CodePage(await (await contextFor(browser, ADA)).newPage())
  await ada.create(fleet.nodes[0].url, 'react')
  await expect(frameOf(ada).getByRole('button', { name: 'Clicked 0 times' })).toBeVisible(
    FIRST_RENDER,
  )
  await ada.openFile('src/App.jsx')
  await ada.insertAt('start', "import confetti from 'canvas-confetti'\n")
  const error = ada.page.getByTestId('preview-build-error')
  await expect(error).toContainText('the package "canvas-confetti"', REBUILD)
  await expect(error).toContainText('react@19.3.1')
  await expect(error).toContainText('svelte@')
  await expect(error.locator('li[data-file="src/App.jsx"]')).toBeVisible()
})

test('runtime errors of a bundled project show in the overlay and the console, not the app', async ({
  browser,
  fleet,
}) => {
  const ada = new CodePage(await (await contextFor(browser, ADA)).newPage())
  const hostConsole: string[] = []
  ada.page.on('console', (m) => hostConsole.push(m.text()))
  ada.page.on('pageerror', (e) => hostConsole.push(e.message))
  await ada.create(fleet.nodes[0].url, 'react')
  await expect(frameOf(ada).getByRole('button', { name: 'Clicked 0 times' })).toBeVisible(
    FIRST_RENDER,
  )
  await ada.openFile('src/components/Counter.jsx')
  await ada.insertAt(
    'start',
    "console.log('counter module loaded')\nthrow new RangeError('boom in counter')\n",
  )
  const consolePanel = ada.page.getByTestId('preview-console')
  await expect(
    consolePanel.locator('[data-level="log"]', { hasText: 'counter module loaded' }),
  ).toBeVisible(REBUILD)
  await expect(ada.page.getByTestId('preview-error')).toContainText('RangeError: boom in counter')
  await ada.page.keyboard.press('Control+z')
  await expect(ada.page.getByTestId('preview-error')).toBeHidden(REBUILD)
  await expect(frameOf(ada).getByRole('button', { name: 'Clicked 0 times' })).toBeVisible()
  expect(hostConsole.filter((t) => /boom in counter|counter module loaded/.test(t))).toEqual([])
})
