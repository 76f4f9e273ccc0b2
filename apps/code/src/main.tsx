import { mountApp } from '@weft/react'
import { App } from './App.tsx'
import { projectIdFromPath } from './projectId.ts'
import { TemplatePicker } from './TemplatePicker.tsx'
import '@weft/react/shell.css'
import './styles.css'

const projectId = projectIdFromPath(location.pathname)
mountApp(projectId ? <App projectId={projectId} /> : <TemplatePicker />)
