import { appViteConfig } from '../../tooling/viteApp.ts'

export default appViteConfig('/grid/')
