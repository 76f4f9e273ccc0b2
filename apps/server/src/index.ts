export { createNode, type WeftNode } from './createNode.ts'
