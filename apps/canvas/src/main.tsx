import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.tsx'
import { docIdFromPath, newDocId } from './docId.ts'
import '@weft/react/shell.css'
import './styles.css'

let id = docIdFromPath(location.pathname)
if (!id) {
  // /canvas/ alone starts a new board; replace so Back does not create another.
  id = newDocId()
  history.replaceState(null, '', `/canvas/${id}${location.search}`)
}

const root = document.getElementById('root')
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App docId={id} />
    </StrictMode>,
  )
}
