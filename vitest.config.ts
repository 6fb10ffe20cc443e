import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['worker/**/*.test.ts', 'src/**/*.test.{ts,tsx}'],
    environment: 'node',
    // esbuild-wasm starts a wasm service per test file: two at a time on a 2-core machine.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
