import { appViteConfig } from '../../tooling/viteApp.ts'

// CodeMirror's language packs make one large chunk; in dev, Vite may serve files from the
// workspace packages (outside this folder) that the app imports.
export default appViteConfig('/code/', {
  build: { chunkSizeWarningLimit: 2000 },
  server: { fs: { allow: ['../..'] } },
})
