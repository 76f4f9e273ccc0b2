import { loadTrace } from '@weft/testkit'
import { expect, test } from '../../fixtures/fleet.ts'
import { ADA, BOB, CodePage, contextFor } from './codePage.ts'

// The shared traces folder (TRACES_DIR, ../shared/data/traces beside the checkout by default).
// The Svelte component trace (18k transactions) puts the editor's binding under real typing; the
// larger traces run through the nodes in the benchmarks (`npm run bench -- trace`).
const trace = loadTrace('sveltecomponent')

test('a real editing trace replayed into one file arrives intact on the other node and after reload', async ({
  browser,
  fleet,
}) => {
  test.setTimeout(480_000)
  const ada = new CodePage(await (await contextFor(browser, ADA)).newPage())
  const bob = new CodePage(await (await contextFor(browser, BOB)).newPage())
  const id = await ada.create(fleet.nodes[0].url, 'vanilla')
  await ada.nameVia('new-file', 'lib.rs')
  await expect(ada.editor).toHaveAttribute('data-ready', 'true')
  await bob.open(fleet.nodes[1].url, id)
  await bob.openFile('lib.rs')

  const txns = trace.txns.map((t) => t.patches)
  for (let i = 0; i < txns.length; i += 2_000) {
    await ada.applyToOpenFile(txns.slice(i, i + 2_000))
  }
  expect(await ada.openFileText()).toBe(trace.endContent)
  expect(await ada.editorText()).toBe(trace.endContent)

  await expect
    .poll(async () => (await bob.openFileText()) === trace.endContent, { timeout: 120_000 })
    .toBe(true)
  expect(await bob.editorText()).toBe(trace.endContent)

  await bob.open(fleet.nodes[1].url, id)
  await bob.openFile('lib.rs')
  await expect(bob.editor).toHaveAttribute('data-ready', 'true')
  await expect.poll(async () => (await bob.editorText()) === trace.endContent).toBe(true)
})
