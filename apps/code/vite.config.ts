import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// In dev, the page is served by Vite and everything live goes to a node
// (WEFT_SERVER, default the `npm run server` port) so ws(s)://<host>/collab
// works the same as when the node serves the built app.
const server = process.env.WEFT_SERVER ?? 'http://localhost:8080'

export default defineConfig({
  base: '/code/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: {
    fs: { allow: ['../..'] },
    proxy: {
      '/collab': { target: server, ws: true },
      '/api': { target: server },
    },
  },
})
