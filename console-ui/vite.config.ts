import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// The console is served by the tarsus binary at /console/ from the committed
// dist/ (embed.go). CI rebuilds it and fails when dist/ differs, so the
// output must depend on the sources only: content-hashed names, no
// timestamps, no absolute paths, no source maps.
export default defineConfig({
  base: '/console/',
  plugins: [vue()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    chunkSizeWarningLimit: 600,
    reportCompressedSize: false,
  },
  server: {
    port: 5173,
    proxy: {
      // `npm run dev` against a local `tarsus serve`.
      '/api': 'http://127.0.0.1:3401',
    },
  },
})
