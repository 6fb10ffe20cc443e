import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { contentSecurityPolicy, ENGINE_WORKER_FILE } from './tools/vite-csp.ts';
import { spacetimedbPrelude } from './tools/vite-prelude.ts';
import { sampleBuilds } from './tools/vite-samples.ts';

// The Content-Security-Policy (tools/vite-csp.ts) allows 'unsafe-eval' and
// 'wasm-unsafe-eval' (the library builds its serializers with `Function(...)`,
// esbuild is wasm) and gives the engine Worker a policy of its own that loads
// no scripts, so `import()` in module code cannot fetch any.
export default defineConfig({
  plugins: [react(), spacetimedbPrelude(), contentSecurityPolicy()],
  worker: {
    format: 'es',
    plugins: () => [spacetimedbPrelude(), sampleBuilds()],
    rolldownOptions: {
      output: {
        // The engine (worker/main.ts) gets a name its policy can be matched by; Monaco's workers keep theirs.
        entryFileNames: chunk => (chunk.name === 'main' ? ENGINE_WORKER_FILE : 'assets/[name]-[hash].js'),
      },
    },
  },
  optimizeDeps: {
    // Its wasm binary is imported with `?url`; pre-bundling would move the package.
    exclude: ['esbuild-wasm'],
  },
  build: {
    target: 'es2022',
    // The worker carries the library prelude (~260 KiB) and the prebuilt samples by design.
    chunkSizeWarningLimit: 1024,
  },
  preview: { port: 4173, strictPort: true },
  server: { port: 5173 },
});
