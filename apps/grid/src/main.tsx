import { startNewDoc } from '@weft/client'
import { DocumentGate, mountApp } from '@weft/react'
import { App } from './App.tsx'
import { docIdFromPath } from './docId.ts'
import '@weft/react/shell.css'
import './styles.css'

// /grid/ alone starts a new sheet (created through the documents API by the gate); any other
// id opens only if it exists.
const existing = docIdFromPath(location.pathname)
const id = existing ?? startNewDoc('/grid/')
mountApp(
  <DocumentGate kind="grid" id={id} fresh={existing === null} brand="Weft Grid">
    <App docId={id} />
  </DocumentGate>,
)
