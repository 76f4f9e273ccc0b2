import { startNewDoc } from '@weft/client'
import { DocumentGate, mountApp } from '@weft/react'
import { App } from './App.tsx'
import { docIdFromPath } from './docId.ts'
import { loadFirstScreen } from './firstScreen.ts'
import '@weft/react/shell.css'
import './styles.css'

// /grid/ alone starts a new sheet (created through the documents API by the gate); any other
// id opens only if it exists.
const existing = docIdFromPath(location.pathname)
const id = existing ?? startNewDoc('/grid/')
// Asked for at once, alongside the gate's check: the sheet's first screen paints from it (a new
// sheet has none to ask for).
const firstScreen = existing === null ? null : loadFirstScreen(`grid:${id}`)
mountApp(
  <DocumentGate kind="grid" id={id} fresh={existing === null} brand="Weft Grid">
    <App docId={id} firstScreen={firstScreen} />
  </DocumentGate>,
)
