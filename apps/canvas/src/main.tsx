import { startNewDoc } from '@weft/client'
import { mountApp } from '@weft/react'
import { App } from './App.tsx'
import { routeFromPath } from './docId.ts'
import { TileApp } from './TileApp.tsx'
import '@weft/react/shell.css'
import './styles.css'

// /canvas/ alone starts a new board (free drawing).
const route = routeFromPath(location.pathname) ?? { id: startNewDoc('/canvas/'), mode: 'free' }
mountApp(route.mode === 'tiles' ? <TileApp docId={route.id} /> : <App docId={route.id} />)
