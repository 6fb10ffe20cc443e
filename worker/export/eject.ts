/**
 * Eject: the project as a folder `spacetime publish` accepts (upstream's
 * `tasks/javascript.rs` bundles `./src/index.ts` with the project's
 * `tsconfig.json` and the `spacetimedb` package from `node_modules`), plus
 * the client bindings `spacetime generate --lang typescript` would write
 * for its schema, zipped under one top folder.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { SourceFiles } from '../build/build.ts';
import { DEFAULT_CLI_VERSION, generateTypeScript } from '../codegen/typescript.ts';
import type { ModuleSchema } from '../module/schema-types.ts';
import { fail, type Failure } from '../session/results.ts';

export type Ejected = { ok: true; fileName: string; zip: Uint8Array } | Failure;

const TSCONFIG = {
  compilerOptions: {
    target: 'ESNext',
    module: 'ESNext',
    moduleResolution: 'Bundler',
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    allowImportingTsExtensions: true,
    verbatimModuleSyntax: true,
    isolatedModules: true,
    forceConsistentCasingInFileNames: true,
  },
  include: ['src/**/*'],
};

/** A folder and package name: lowercase letters, digits and dashes. */
export function slugOf(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 50) || 'spacetime-module';
}

const readme = (name: string, slug: string) => `# ${name}

A SpacetimeDB module exported from Spacetime Playground.

    npm install
    spacetime publish ${slug}

\`src/index.ts\` is the module. \`module_bindings/\` holds the TypeScript client
bindings for its schema, as \`spacetime generate --lang typescript --out-dir module_bindings\`
writes them: copy them into your client app, or regenerate them after editing the module.
`;

/** The entry must be `src/index.ts`; a project whose entry is another file gets an `index.ts` that re-exports it. */
function moduleSources(files: SourceFiles, entry: string): Record<string, string> | undefined {
  const src = { ...files };
  if (entry !== 'index.ts') {
    if ('index.ts' in src) return undefined;
    const from = `./${entry}`;
    src['index.ts'] = `export * from '${from}';\nexport { default } from '${from}';\n`;
  }
  return src;
}

export function ejectProject(name: string, files: SourceFiles, entry: string, schema: ModuleSchema): Ejected {
  const src = moduleSources(files, entry);
  if (!src) return fail('bad-args', `The entry is ${entry} but index.ts is another file; spacetime publish starts at src/index.ts: rename one of them.`);
  const slug = slugOf(name);
  const text = (s: string) => strToU8(s);
  const json = (v: unknown) => text(JSON.stringify(v, null, 2) + '\n');
  const pkg = {
    name: slug,
    version: '0.1.0',
    private: true,
    type: 'module',
    scripts: { build: 'spacetime build', publish: `spacetime publish ${slug}` },
    dependencies: { spacetimedb: `^${DEFAULT_CLI_VERSION}` },
    devDependencies: { typescript: '^5.9.3' },
  };
  const tree: Zippable = {
    'package.json': json(pkg),
    'tsconfig.json': json(TSCONFIG),
    'README.md': text(readme(name, slug)),
    '.gitignore': text('node_modules/\ndist/\n'),
  };
  for (const [path, code] of Object.entries(src)) tree[`src/${path}`] = text(code);
  for (const f of generateTypeScript(schema)) tree[`module_bindings/${f.path}`] = text(f.code);
  return { ok: true, fileName: `${slug}.zip`, zip: zipSync({ [slug]: tree }) };
}
