export * from './accessTokens.ts'
export * from './documentNames.ts'
