export { DOC_NAME, FILE_ID, fileDocName, PROJECT_ID, projectDocName } from './docNames.ts'
export { applySeed, FILE_TEXT, fileText, SEED_CLIENT_ID, seedUpdate } from './fileContent.ts'
export { newId } from './ids.ts'
export type { Language } from './languageOf.ts'
export { languageOf } from './languageOf.ts'
export { nameProblem } from './names.ts'
export type { Deleter, ProjectMeta, TrashItem } from './ProjectModel.ts'
export { CODE_ROOTS, ProjectModel, TreeError } from './ProjectModel.ts'
export { resolveTree, suffixedName } from './resolveTree.ts'
export { projectPath, templateFiles } from './templates.ts'
export type {
  EntryKind,
  ProjectTree,
  StoredEntry,
  TemplateFile,
  TemplateInfo,
  TemplateManifest,
  TreeNode,
} from './types.ts'
export { watchRemoteDeletes } from './watchDeletes.ts'
