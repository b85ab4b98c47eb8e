import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The only libs the browser app may import (mirrors tsconfig.base.json `paths`). */
export const alias = {
  '@luodi/charts': `${repoRoot}libs/charts/src/index.ts`,
  '@luodi/contracts': `${repoRoot}libs/contracts/src/index.ts`,
  '@luodi/domain': `${repoRoot}libs/domain/src/index.ts`,
};

/** Where the API listens in development (`npm start` / `PORT`). */
const apiTarget = process.env.LUODI_API_URL ?? 'http://localhost:3000';
const proxy = { '/api': { target: apiTarget, changeOrigin: true } };

/**
 * Vendor code in a few long-cached chunks, so no single chunk grows huge and app changes stay small.
 * Element Plus components are deliberately NOT forced into a manual chunk: Rollup then keeps every
 * component of the library (~900 kB) instead of the few the app imports. Its shared foundation (utils,
 * hooks, locale, popper) goes to `element-plus`; the components used land with the views using them.
 */
function manualChunks(id: string): string | undefined {
  if (!id.includes('node_modules')) return undefined;
  if (/node_modules\/zrender\//.test(id)) return 'zrender';
  if (/node_modules\/(echarts|vue-echarts)\//.test(id)) return 'echarts';
  if (
    /node_modules\/element-plus\/es\/(utils|hooks|constants|locale|directives)\//.test(id) ||
    /node_modules\/(@floating-ui|@popperjs|@ctrl|@vueuse|async-validator|dayjs|lodash-es|lodash-unified)\//.test(
      id,
    )
  ) {
    return 'element-plus';
  }
  if (/node_modules\/(vue|@vue|vue-router|vue-i18n|@intlify)\//.test(id)) return 'vue';
  return undefined;
}

export default defineConfig({
  root: webRoot,
  plugins: [vue()],
  resolve: { alias },
  build: {
    outDir: `${repoRoot}dist/apps/web`,
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: { output: { manualChunks } },
  },
  server: { port: 4200, proxy },
  preview: { port: 4173, proxy },
});
