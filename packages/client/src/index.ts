export { DOCUMENT_META_ROOT, DOCUMENT_RESTORES_KEY, DOCUMENT_TITLE_KEY } from '@weft/protocol'
export { ApiProblem } from './apiRequest.ts'
export type { AssetJson } from './assetsApi.ts'
export { fetchAsset, uploadAsset } from './assetsApi.ts'
export type { AwarenessUser } from './awarenessUsers.ts'
export { awarenessUsers, distinctPeople } from './awarenessUsers.ts'
export type { ConnectionState, ConnectionStatus, StatusInputs } from './connectionStatus.ts'
export { deriveStatus, watchConnectionStatus } from './connectionStatus.ts'
export type { CreateProviderOptions } from './createProvider.ts'
export { collabUrl, createProvider } from './createProvider.ts'
export type { DocChangeStore } from './docChangeStore.ts'
export { docChangeStore, sharedDocChangeStore } from './docChangeStore.ts'
export { docPath, newDocId, startNewDoc } from './docPaths.ts'
export type {
  DocumentInfoJson,
  DocumentKind,
  HistoryEntryJson,
  HistoryJson,
} from './documentsApi.ts'
export {
  createDocumentWithId,
  fetchHistory,
  fetchVersionJson,
  fetchVersionState,
  fetchVersions,
  getDocumentInfo,
  renameDocument,
  restoreDocumentVersion,
} from './documentsApi.ts'
export type { FrameScheduler } from './docVersion.ts'
export { watchDocVersion } from './docVersion.ts'
export type { EditingSession, RestoreJson, VersionJson } from './editingSessions.ts'
export { groupEditingSessions, matchRestores, SESSION_GAP_MS } from './editingSessions.ts'
export type { Identity, KeyValueStore } from './identity.ts'
export { loadIdentity, newIdentity, saveIdentity, USER_COLORS } from './identity.ts'
export type { PresencePerson } from './presencePeople.ts'
export { describeConnections, presencePeople } from './presencePeople.ts'
export type {
  OnlineUser,
  PresenceSnapshot,
  PresenceStreamOptions,
  PresenceStreamStatus,
  SseEvent,
} from './presenceStream.ts'
export {
  presenceStreamUrl,
  SseParser,
  subscribePresence,
  usersIn,
  usersUnder,
} from './presenceStream.ts'
export type { Me } from './profile.ts'
export { fetchMe, ProfileError, saveMe } from './profile.ts'
export { reconnectSocket } from './reconnect.ts'
export type { AttachedProviderOptions } from './sharedSocket.ts'
export { createAttachedProvider, createSharedSocket } from './sharedSocket.ts'
export type { ShareJson } from './sharesApi.ts'
export { createShare, listShares, revokeShare } from './sharesApi.ts'
export {
  devToken,
  identityForToken,
  readClaims,
  resolveToken,
  SHARE_TOKEN_PREFIX,
} from './token.ts'
