#!/usr/bin/env node
// The engine is TypeScript; tsx compiles it on the fly so the CLI runs from a clean clone.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../worker/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
