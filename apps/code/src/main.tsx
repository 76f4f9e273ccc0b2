import { DocumentGate, mountApp } from '@weft/react'
import { App } from './App.tsx'
import { projectIdFromPath } from './projectId.ts'
import { TemplatePicker } from './TemplatePicker.tsx'
import '@weft/react/shell.css'
import './styles.css'

const projectId = projectIdFromPath(location.pathname)
// /code/ picks a template and creates the project (through the documents API); any other id
// opens only if it exists.
mountApp(
  projectId ? (
    <DocumentGate kind="code" id={projectId} brand="Weft Code">
      <App projectId={projectId} />
    </DocumentGate>
  ) : (
    <TemplatePicker />
  ),
)
