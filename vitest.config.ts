import { fileURLToPath } from 'node:url';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
const alias = {
  '@luodi/domain': `${root}libs/domain/src/index.ts`,
  '@luodi/contracts': `${root}libs/contracts/src/index.ts`,
  '@luodi/config': `${root}libs/config/src/index.ts`,
  '@luodi/jobs': `${root}libs/jobs/src/index.ts`,
  '@luodi/persistence': `${root}libs/persistence/src/index.ts`,
  '@luodi/server-core': `${root}libs/server-core/src/index.ts`,
  '@luodi/charts': `${root}libs/charts/src/index.ts`,
  '@luodi/testing': `${root}libs/testing/src/index.ts`,
};

// SWC compiles server code so decorators keep their metadata (Nest DI, TypeORM), as in NestJS's docs.
const serverPlugins = [
  swc.vite({
    module: { type: 'es6' },
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    },
  }),
];

/**
 * Test suites (`npm test` runs them all through ops/test/run-all.mjs):
 * - unit: pure functions in libs and apps, no services;
 * - web: the Vue app's components and chart options (jsdom);
 * - integration: real MariaDB and Redis, real processes (each test makes its own database/prefix);
 * - e2e: the built api + worker + web over HTTP and in headless Chromium.
 */
export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        plugins: serverPlugins,
        resolve: { alias },
        test: {
          name: 'unit',
          environment: 'node',
          // Property tests run hundreds of cases: seconds on a loaded 2-core machine, not a hang.
          testTimeout: 30_000,
          include: ['libs/*/src/**/*.spec.ts', 'apps/api/src/**/*.spec.ts', 'apps/worker/src/**/*.spec.ts'],
          // Chart builders run in the web project (jsdom), next to the components that use them.
          exclude: ['libs/charts/**', '**/node_modules/**'],
        },
      },
      'apps/*/vitest.config.ts',
      {
        plugins: serverPlugins,
        resolve: { alias },
        test: {
          name: 'integration',
          environment: 'node',
          include: [
            'apps/api/test/integration/**/*.spec.ts',
            'apps/worker/test/integration/**/*.spec.ts',
            // Fault drills (issue 11): a private MariaDB or Redis stopped, processes killed; they print figures.
            'apps/api/test/drills/**/*.spec.ts',
          ],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        plugins: serverPlugins,
        resolve: { alias },
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['apps/e2e/src/**/*.spec.ts'],
          testTimeout: 120_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
