import { defineConfig } from 'vite';

/** The folder of this file: the app's root wherever `vite build --config web/vite.config.ts` runs from. */
const webRoot = decodeURIComponent(new URL('.', import.meta.url).pathname);

/**
 * The operator console, built into dist/web, which evroam serves at `/`. Preact through the
 * automatic JSX runtime; no plugin is needed for a production build.
 */
export default defineConfig({
  root: webRoot,
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
  },
});
