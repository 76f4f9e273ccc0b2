import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.tsx'
import { projectIdFromPath } from './projectId.ts'
import { TemplatePicker } from './TemplatePicker.tsx'
import '@weft/react/shell.css'
import './styles.css'

const projectId = projectIdFromPath(location.pathname)
const root = document.getElementById('root')
if (root) {
  createRoot(root).render(
    <StrictMode>{projectId ? <App projectId={projectId} /> : <TemplatePicker />}</StrictMode>,
  )
}
