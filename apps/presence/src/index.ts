export { createPresenceService, type PresenceService } from './createPresenceService.ts'
export { type PresenceConfig, parsePresenceConfig } from './presenceConfig.ts'
