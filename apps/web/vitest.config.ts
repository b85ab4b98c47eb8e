import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineProject } from 'vitest/config';
import { alias } from './vite.config';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The `web` test project: Vue components (jsdom) and the chart option builders. */
export default defineProject({
  root: repoRoot,
  plugins: [vue()],
  resolve: { alias },
  test: {
    name: 'web',
    root: repoRoot,
    environment: 'jsdom',
    include: ['apps/web/src/**/*.spec.ts', 'libs/charts/src/**/*.spec.ts'],
    css: false,
    restoreMocks: true,
    // Mounting Element Plus dialogs in jsdom takes 0.3–1 s alone and several seconds on a loaded 2-core
    // machine (CI runs the suites after the build, sometimes next to other work): a hang is still caught.
    testTimeout: 30_000,
    // Element Plus's ES build default-imports the CommonJS async-validator; Node's interop hands it the
    // module object (form validation then silently passes). Bundled through Vite, it gets the class.
    server: { deps: { inline: ['element-plus'] } },
  },
});
