import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['worker/**/*.test.ts', 'src/**/*.test.{ts,tsx}'],
    environment: 'node',
    globalSetup: ['worker/testing/global-setup.ts'],
    // esbuild-wasm starts a wasm service per test file: two at a time on a 2-core machine.
    maxWorkers: 2,
    // Module builds run esbuild-wasm; on a busy 2-core machine the first one in a file takes seconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
