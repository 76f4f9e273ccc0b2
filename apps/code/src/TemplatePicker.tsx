import { createDocumentWithId } from '@weft/client'
import { newId, ProjectModel, projectDocName } from '@weft/code-model'
import { usePageTitle, useSession } from '@weft/react'
import { useState } from 'react'
import { DocPool, whenSaved, whenSynced } from './DocPool.ts'
import { TEMPLATES, type Template } from './templates.ts'

/**
 * Creates the project document from a template, waits until the server has it, then opens it.
 * Only the creator writes the template, once, into a brand-new id: no race with anyone.
 */
async function createProject(
  token: string,
  identity: ReturnType<typeof useSession>['identity'],
  t: Template,
) {
  const projectId = newId()
  // The project exists (owned by its creator) before its template is written into it.
  await createDocumentWithId('code', projectId, token)
  const pool = new DocPool(token, identity)
  try {
    const provider = pool.acquire(projectDocName(projectId))
    await whenSynced(provider)
    new ProjectModel(provider.document).initialize(t.files, {
      name: `${t.id}-project`,
      template: t.id,
      createdAt: Date.now(),
    })
    await whenSaved(provider)
  } finally {
    pool.destroy()
  }
  location.assign(`/code/${projectId}${location.search}`)
}

/** /code/ with no project: pick a template to start a new project. */
export function TemplatePicker() {
  const session = useSession()
  const [busy, setBusy] = useState<string | null>(null)
  const [problem, setProblem] = useState('')
  usePageTitle('New project', 'Weft Code')
  return (
    <main className="picker">
      <h1>New project</h1>
      <p className="muted">Start from a template. Everyone with the link edits it with you.</p>
      <p role="status" data-testid="picker-status">
        {problem}
      </p>
      <ul className="templates">
        {TEMPLATES.map((t) => (
          <li key={t.id}>
            <button
              type="button"
              data-testid={`template-${t.id}`}
              disabled={busy !== null}
              onClick={() => {
                setBusy(t.id)
                setProblem('')
                createProject(session.token, session.identity, t).catch((error: unknown) => {
                  setBusy(null)
                  setProblem(
                    `The project could not be created: ${error instanceof Error ? error.message : 'unknown error'}. Try again.`,
                  )
                })
              }}
            >
              <strong>{t.name}</strong>
              <span>{busy === t.id ? 'Creating…' : t.description}</span>
              <small>{t.files.length} files</small>
            </button>
          </li>
        ))}
      </ul>
    </main>
  )
}
