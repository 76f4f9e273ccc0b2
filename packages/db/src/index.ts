export {
  existingAssets,
  type NewAsset,
  readAsset,
  type StoreAssetResult,
  storeAsset,
} from './assets.ts'
export { type CompactionResult, compactDocument, compactFully } from './compaction.ts'
export { loadDocumentState, readDocumentState, type StoredState } from './documentState.ts'
export {
  createDocument,
  type DocumentInfo,
  getDocument,
  type ListDocumentsOptions,
  listDocuments,
  purgeTrash,
  updateDocument,
} from './documents.ts'
export { readFirstScreen, saveFirstScreen } from './firstScreens.ts'
export { type DocumentHistory, documentHistory, type HistoryEntry } from './history.ts'
export {
  applyMigrations,
  type Migration,
  MigrationError,
  pendingMigrations,
  readMigrations,
  schemaStatus,
} from './migrations.ts'
export {
  type Database,
  type OpenDatabaseOptions,
  openDatabase,
  type PrismaClient,
} from './openDatabase.ts'
export { getProfile, getProfiles, saveProfile, type UserProfile } from './profiles.ts'
export { RetryingQueue, type RetryingQueueOptions } from './RetryingQueue.ts'
export { pruneHistory } from './retention.ts'
export type { SqlExecutor } from './SqlExecutor.ts'
export {
  CONTRACT_SUFFIX,
  compareSchema,
  contractStatements,
  isContract,
  type SchemaComparison,
} from './schemaCompatibility.ts'
export {
  errorOpenSessions,
  recordSessionEvents,
  type SessionEvent,
  type SessionInfo,
} from './sessions.ts'
export {
  createShare,
  deadShares,
  getShare,
  listShares,
  recordShareOpen,
  revokeShare,
  type ShareInfo,
  type ShareRole,
} from './shares.ts'
export {
  applyState,
  foldSnapshot,
  type SnapshotFold,
  type StoredSnapshot,
  snapshotAsV1,
  V1_SNAPSHOT_MIN_BYTES,
} from './snapshotEncoding.ts'
export { appendUpdates, type LoggedUpdate } from './updateLog.ts'
export {
  isVersionId,
  listVersions,
  type VersionInfo,
  type VersionState,
  versionAt,
  versionState,
  versionTime,
} from './versions.ts'
