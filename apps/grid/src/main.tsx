import { startNewDoc } from '@weft/client'
import { mountApp } from '@weft/react'
import { App } from './App.tsx'
import { docIdFromPath } from './docId.ts'
import '@weft/react/shell.css'
import './styles.css'

// /grid/ alone starts a new sheet.
const id = docIdFromPath(location.pathname) ?? startNewDoc('/grid/')
mountApp(<App docId={id} />)
