/**
 * Monaco, set up once: its workers bundled by Vite, the TypeScript service
 * configured like a module build (ES2022, ESM, strict) and fed the
 * `spacetimedb` typings so `spacetimedb/server` type-checks with
 * IntelliSense, and two calm themes that follow the system's.
 */
import * as monaco from 'monaco-editor';
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';
import TsWorker from 'monaco-editor/language/typescript/ts.worker.js?worker';
import { SPACETIMEDB_TYPINGS } from './module-typings.ts';

export { monaco };

self.MonacoEnvironment = {
  getWorker: (_id: string, label: string) => (label === 'typescript' || label === 'javascript' ? new TsWorker() : new EditorWorker()),
};

const ts = monaco.typescript;
ts.typescriptDefaults.setCompilerOptions({
  // ES2022 (TypeScript's own value): Monaco's enum stops at ES2020.
  target: 9 as monaco.typescript.ScriptTarget,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.NodeJs,
  lib: ['es2022'],
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  allowNonTsExtensions: true,
  isolatedModules: true,
  noUnusedLocals: false,
});
ts.typescriptDefaults.setEagerModelSync(true);
for (const [path, text] of Object.entries(SPACETIMEDB_TYPINGS)) ts.typescriptDefaults.addExtraLib(text, path);
// What a module's realm provides besides ES2022: the console the host routes to the log.
ts.typescriptDefaults.addExtraLib(
  'declare var console: { log(...data: unknown[]): void; info(...data: unknown[]): void; warn(...data: unknown[]): void; error(...data: unknown[]): void; debug(...data: unknown[]): void; trace(...data: unknown[]): void };\n',
  'file:///module-globals.d.ts'
);

const calm = (base: 'vs' | 'vs-dark', bg: string, line: string): monaco.editor.IStandaloneThemeData => ({
  base,
  inherit: true,
  rules: [],
  colors: { 'editor.background': bg, 'editor.lineHighlightBackground': line, 'editorGutter.background': bg },
});
monaco.editor.defineTheme('stdb-dark', calm('vs-dark', '#17191c', '#1f2226'));
monaco.editor.defineTheme('stdb-light', calm('vs', '#ffffff', '#f4f5f7'));

const dark = window.matchMedia('(prefers-color-scheme: dark)');
export const themeName = (): string => (dark.matches ? 'stdb-dark' : 'stdb-light');
dark.addEventListener('change', () => monaco.editor.setTheme(themeName()));

/** The model URI of a module file (`file:///src/index.ts`), so relative imports resolve between files. */
export const fileUri = (path: string): monaco.Uri => monaco.Uri.parse(`file:///src/${path}`);
