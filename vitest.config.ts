import { defineConfig } from 'vitest/config';
import path from 'node:path';

// Integration tests (`*.db.test.ts`) run once per driver: embedded PGlite always,
// and the real PostgreSQL server too when DATABASE_URL is set (see test/db.ts).
const shared = {
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      'server-only': path.resolve(import.meta.dirname, 'test/server-only-stub.ts'),
    },
  },
};
const testDefaults = {
  globalSetup: ['test/global-setup.ts'],
  exclude: ['node_modules/**', 'e2e/**', '.next/**', 'data/**'],
  testTimeout: 120_000,
  hookTimeout: 120_000,
};

export default defineConfig({
  ...shared,
  test: {
    projects: [
      {
        ...shared,
        test: { ...testDefaults, name: 'pglite', include: ['**/*.test.ts', '**/*.test.tsx'], env: { TEST_DRIVER: 'pglite' } },
      },
      ...(process.env.DATABASE_URL
        ? [
            {
              ...shared,
              test: { ...testDefaults, name: 'postgres', include: ['**/*.db.test.ts'], env: { TEST_DRIVER: 'postgres' } },
            },
          ]
        : []),
    ],
  },
});
