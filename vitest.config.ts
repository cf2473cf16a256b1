import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Root-level test config (vite.config.ts has root: 'src/web', which would hide test/ from vitest).
// Module tests get a migrated template database from the global setup; web component tests
// opt into jsdom per file (`// @vitest-environment jsdom`).
export default defineConfig({
  plugins: [react()],
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['./test/support/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
