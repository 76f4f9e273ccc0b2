import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.tsx'
import { newDocId, routeFromPath } from './docId.ts'
import { TileApp } from './TileApp.tsx'
import '@weft/react/shell.css'
import './styles.css'

let route = routeFromPath(location.pathname)
if (!route) {
  // /canvas/ alone starts a new board; replace so Back does not create another.
  route = { id: newDocId(), mode: 'free' }
  history.replaceState(null, '', `/canvas/${route.id}${location.search}`)
}

const root = document.getElementById('root')
if (root) {
  createRoot(root).render(
    <StrictMode>
      {route.mode === 'tiles' ? <TileApp docId={route.id} /> : <App docId={route.id} />}
    </StrictMode>,
  )
}
