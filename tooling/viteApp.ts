// The Vite config every browser app shares; each app's vite.config.ts names its base path and
// anything of its own.
import react from '@vitejs/plugin-react'
import { defineConfig, mergeConfig, type UserConfig } from 'vite'

// In dev, the page is served by Vite and everything live goes to a node
// (WEFT_SERVER, default the `npm run server` port) so ws(s)://<host>/collab
// works the same as when the node serves the built app.
const server = process.env.WEFT_SERVER ?? 'http://localhost:8080'

const VENDOR_CHUNKS = [
  { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
  {
    name: 'yjs',
    test: /node_modules[\\/](yjs|lib0|y-protocols|@hocuspocus)[\\/]/,
  },
  {
    name: 'codemirror',
    test: /node_modules[\\/](@codemirror[\\/](state|view)|@lezer[\\/]common)[\\/]/,
  },
]

/** The app served under `base` (e.g. '/grid/'), built into its own dist/. */
export function appViteConfig(base: string, own: UserConfig = {}): UserConfig {
  return mergeConfig(
    defineConfig({
      base,
      plugins: [react()],
      build: {
        outDir: 'dist',
        emptyOutDir: true,
        // Libraries in chunks of their own: they change less often than the app, so a new
        // release of an app leaves them in the browser's cache (immutable, hashed names).
        rolldownOptions: { output: { codeSplitting: { groups: VENDOR_CHUNKS } } },
      },
      server: {
        proxy: {
          '/collab': { target: server, ws: true },
          '/api': { target: server },
        },
      },
    }),
    own,
  )
}
