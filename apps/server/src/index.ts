export { createNode } from './createNode.ts'
export type { WeftNode } from './WeftNode.ts'
