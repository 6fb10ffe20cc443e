// `npm run build` and `npm run dev` run this first: the samples compiled and
// their client bindings built, for tools/vite-samples.ts to serve.
import { PREBUILT_FILE, writePrebuilt } from './vite-samples.ts';

await writePrebuilt();
console.log(`prebuilt samples: ${PREBUILT_FILE}`);
