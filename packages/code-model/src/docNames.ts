/** The server's rule for document names (apps/server validates with the same pattern). */
export const DOC_NAME = /^(grid|code|canvas):[A-Za-z0-9_-]{1,64}(\/[A-Za-z0-9_.-]{1,128})?$/
export const PROJECT_ID = /^[A-Za-z0-9_-]{1,64}$/
export const FILE_ID = /^[A-Za-z0-9_.-]{1,128}$/

/** `code:<projectId>`: the project document (tree and metadata). */
export function projectDocName(projectId: string): string {
  if (!PROJECT_ID.test(projectId)) throw new Error(`invalid project id: ${projectId}`)
  return `code:${projectId}`
}

/** `code:<projectId>/<fileId>`: one document per file, loaded only when someone opens it. */
export function fileDocName(projectId: string, fileId: string): string {
  if (!FILE_ID.test(fileId)) throw new Error(`invalid file id: ${fileId}`)
  return `${projectDocName(projectId)}/${fileId}`
}
