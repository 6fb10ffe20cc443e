/** esbuild namespaces of the virtual modules a module build resolves to. */
export const VFS = 'stdb-vfs';
export const SYS = 'stdb-sys';
export const LIBRARY = 'stdb-lib';

/**
 * Free variables the compiled code reads. A compiled module is evaluated as
 * the body of `new Function(LIB_PARAM, SYS_PARAM, code)`, so every loaded
 * module gets its own library instance and its own syscalls.
 */
export const LIB_PARAM = '__stdb_lib';
export const SYS_PARAM = '__stdb_sys';
export const MODULE_GLOBAL = '__stdb_module';

/** The `spacetime:sys` versions a 2.x module may import (upstream `resolve_sys_module_inner`). */
export const SYS_SPECIFIERS = ['spacetime:sys@2.0', 'spacetime:sys@2.1'];

/** Library entries user code may import; everything else must be a relative file. */
export const LIBRARY_ENTRIES: Record<string, 'server' | 'root'> = {
  spacetimedb: 'root',
  'spacetimedb/server': 'server',
};

/** The name compiled module code runs under (`//# sourceURL`), so its stack frames can be mapped back. */
export const MODULE_FILE = 'spacetime-module.js';

/**
 * esbuild options every build shares, as `spacetime build` sets them
 * (crates/cli/src/tasks/javascript.rs): one script, browser platform,
 * production conditions; `es2022` lowers the library's `using` declarations.
 */
export const SCRIPT_OPTIONS = {
  bundle: true,
  write: false,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  conditions: ['production', 'import', 'default'],
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'silent',
} as const;
