import { startNewDoc } from '@weft/client'
import { DocumentGate, mountApp } from '@weft/react'
import { App } from './App.tsx'
import { routeFromPath } from './docId.ts'
import { TileApp } from './TileApp.tsx'
import '@weft/react/shell.css'
import './styles.css'

// /canvas/ alone starts a new board (free drawing), created through the documents API by the
// gate; any other id (its drawing or its tile board) opens only if the canvas exists.
const existing = routeFromPath(location.pathname)
const route = existing ?? { id: startNewDoc('/canvas/'), mode: 'free' }
mountApp(
  <DocumentGate kind="canvas" id={route.id} fresh={existing === null} brand="Weft Canvas">
    {route.mode === 'tiles' ? <TileApp docId={route.id} /> : <App docId={route.id} />}
  </DocumentGate>,
)
