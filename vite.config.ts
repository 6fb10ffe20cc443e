import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { spacetimedbPrelude } from './tools/vite-prelude.ts';

// No Content-Security-Policy: the library builds its serializers with
// `Function(...)` and esbuild needs wasm, so one would have to allow both
// 'unsafe-eval' and 'wasm-unsafe-eval' anyway.
export default defineConfig({
  plugins: [react(), spacetimedbPrelude()],
  worker: {
    format: 'es',
    plugins: () => [spacetimedbPrelude()],
  },
  optimizeDeps: {
    // Its wasm binary is imported with `?url`; pre-bundling would move the package.
    exclude: ['esbuild-wasm'],
  },
  build: {
    target: 'es2022',
    // The worker carries the library prelude (~260 KiB) by design.
    chunkSizeWarningLimit: 1024,
  },
  preview: { port: 4173, strictPort: true },
  server: { port: 5173 },
});
