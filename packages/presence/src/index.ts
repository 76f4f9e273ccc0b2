export { bootKey, keys, PRESENCE_PREFIX } from './keys.ts'
export {
  NodePresencePublisher,
  type NodePresencePublisherOptions,
} from './NodePresencePublisher.ts'
export {
  type ExpiredBoot,
  PresenceAggregator,
  type PresenceAggregatorOptions,
} from './PresenceAggregator.ts'
export { LocalPresence, type PresenceSource } from './PresenceSource.ts'
export { createPresenceApi, type PresenceApiOptions } from './presenceApi.ts'
export { summarize } from './summarize.ts'
export type { OnlineUser, PresenceSession, PresenceSnapshot } from './types.ts'
