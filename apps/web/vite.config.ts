import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './precompress';

// In development the Vite server proxies API, WebSocket and health calls to the API on :3000.
const api = process.env.API_URL ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react(), precompress('dist')],
  server: {
    proxy: {
      '/api': api,
      '/healthz': api,
      '/readyz': api,
      '/ws': { target: api.replace(/^http/, 'ws'), ws: true },
    },
  },
  // The manifest lets `pnpm bench web` find the chunks the interview room loads.
  build: { outDir: 'dist', emptyOutDir: true, manifest: true },
});
