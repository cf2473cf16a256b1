import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The web shell lives in src/web and is built to dist/web, which the API server serves at `/`
// (with an index.html fallback for client-side routes). In development `npm run dev:web`
// proxies /api to a locally running `safetynet serve` on port 8080.
export default defineConfig({
  root: 'src/web',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      output: {
        // Libraries change rarely: keep them in a separate, long-cached chunk. ECharts (and its
        // zrender) stay out of it: only the monitoring dashboard loads them, with a dynamic import.
        codeSplitting: {
          groups: [{ name: 'vendor', test: /node_modules[\\/](?!(?:echarts|zrender)[\\/])/ }],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false },
    },
  },
});
