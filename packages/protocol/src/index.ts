export * from './accessTokens.ts'
export * from './closeCodes.ts'
export * from './documentNames.ts'
export * from './redactSecrets.ts'
