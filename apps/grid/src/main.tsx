import { startNewDoc } from '@weft/client'
import { DocumentGate, mountApp } from '@weft/react'
import { App } from './App.tsx'
import { docIdFromPath } from './docId.ts'
import { openEarly } from './earlyOpen.ts'
import '@weft/react/shell.css'
import './styles.css'

// /grid/ alone starts a new sheet (created through the documents API by the gate); any other
// id opens only if it exists.
const existing = docIdFromPath(location.pathname)
const id = existing ?? startNewDoc('/grid/')
// Started at once, alongside the gate's check: the sheet's first screen paints from its fetch,
// and the provider's WebSocket opens beside it (a new sheet has neither yet).
const opened = existing === null ? null : openEarly(`grid:${id}`)
mountApp(
  <DocumentGate
    kind="grid"
    id={id}
    fresh={existing === null}
    brand="Weft Grid"
    started={opened?.gate}
    onRefused={() => opened?.provider.discard()}
  >
    <App docId={id} opened={opened} />
  </DocumentGate>,
)
