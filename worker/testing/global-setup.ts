import { esbuild, loadPrelude } from '../node/esbuild.ts';

/**
 * Builds the library prelude once, before the test workers start, so they
 * read it from the on-disk cache instead of each building it at once on a
 * fresh clone (seconds of esbuild-wasm per worker).
 */
export default async function setup(): Promise<void> {
  await loadPrelude();
  await esbuild.stop();
}
