import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createVirtualClock } from '../engine/clock.ts';
import { openDatabase } from '../engine/database.ts';
import { summarizeModule } from '../module/summary.ts';
import { esbuild } from '../node/esbuild.ts';
import { CompileError, compileModuleFile } from '../node/load-module.ts';
import { runScenario, type Line } from '../scenario/run-scenario.ts';
import { formatSummary } from './describe.ts';
import { historyFileWriter, replayCommand } from './history.ts';
import { generateTypeScript } from '../codegen/typescript.ts';

const USAGE = `usage: spacetime-playground <command> ...

commands:
  describe <entry.ts> [--json]        tables, reducers, procedures, views and visibility filters
  run <entry.ts> <scenario.json> [--history <file>]
                                      run a scenario on a fresh in-memory database (JSON lines);
                                      --history writes its history file
  replay <entry.ts> <history-file> [--json] [--from N] [--ignore-logs] [--logs]
                                      re-run a recorded history on the module and print where it
                                      diverges (exit 1 if it does)
  generate <entry.ts> --out <dir> [--include-private]
                                      TypeScript client bindings (as \`spacetime generate --lang typescript\`)
  serve <entry.ts> [--port 3000] [--db NAME]
                                      a local server real SDK clients connect to (ws://localhost:PORT)
`;

const bigJson = (_k: string, v: unknown) => (typeof v === 'bigint' ? v.toString() : v);

async function describe(args: string[]): Promise<number> {
  const json = args.includes('--json');
  const [entry] = args.filter(a => a !== '--json');
  if (!entry) return usage('describe needs the module entry file');
  const { prelude, code } = await compileModuleFile(entry);
  const db = openDatabase({ prelude, code, clock: createVirtualClock(0n) });
  const summary = summarizeModule(db.schema);
  process.stdout.write(json ? JSON.stringify(summary, bigJson) + '\n' : formatSummary(summary) + '\n');
  return 0;
}

async function run(argv: string[]): Promise<number> {
  const args = [...argv];
  const wantsHistory = args.includes('--history');
  const historyPath = takeOption(args, '--history');
  if (wantsHistory && !historyPath) return usage('--history needs a file to write');
  const [entry, scenarioPath] = args;
  if (!entry || !scenarioPath) return usage('run needs the module entry file and a scenario file');
  let input: unknown;
  try {
    input = JSON.parse(await readFile(scenarioPath, 'utf8'));
  } catch (e) {
    process.stdout.write(JSON.stringify({ ok: false, error: `${scenarioPath}: ${(e as Error).message}` }) + '\n');
    return 1;
  }
  const { prelude, code, sourceMap } = await compileModuleFile(entry);
  const lines: string[] = [];
  const print = (line: Line) => lines.push(JSON.stringify(line));
  let status: number;
  try {
    status = runScenario({ prelude, code, sourceMap }, input, print, historyPath === undefined ? undefined : historyFileWriter(historyPath, code));
  } finally {
    process.stdout.write(lines.map(l => l + '\n').join(''));
  }
  return status;
}

/** The value after `--flag` (removing both from `args`), or undefined. */
function takeOption(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  if (i < 0) return undefined;
  const value = args[i + 1];
  args.splice(i, 2);
  return value;
}

async function generate(argv: string[]): Promise<number> {
  const args = [...argv];
  const includePrivate = args.includes('--include-private');
  const rest = args.filter(a => a !== '--include-private');
  const out = takeOption(rest, '--out') ?? takeOption(rest, '--out-dir');
  const [entry] = rest;
  if (!entry || !out) return usage('generate needs the module entry file and --out <dir>');
  const { prelude, code } = await compileModuleFile(entry);
  const db = openDatabase({ prelude, code, clock: createVirtualClock(0n) });
  const files = generateTypeScript(db.schema, { includePrivate });
  for (const f of files) {
    const path = join(out, f.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, f.code);
  }
  process.stdout.write(`wrote ${files.length} files to ${out}\n`);
  return 0;
}

async function serve(argv: string[]): Promise<number> {
  const args = [...argv];
  const port = takeOption(args, '--port');
  const name = takeOption(args, '--db');
  const host = takeOption(args, '--host');
  const [entry] = args;
  if (!entry) return usage('serve needs the module entry file');
  if (port !== undefined && !/^\d+$/.test(port)) return usage(`--port must be a number, not "${port}"`);
  const { prelude, code } = await compileModuleFile(entry);
  const { startServer } = await import('../serve/server.ts');
  const server = await startServer({ prelude, code, port: port === undefined ? 3000 : Number(port), ...(name ? { name } : {}), ...(host ? { host } : {}), log: line => process.stdout.write(line + '\n') });
  process.stdout.write(`serving database "${server.name}" at ${server.url}\n`);
  process.stdout.write(`  DbConnection.builder().withUri('${server.url}').withDatabaseName('${server.name}')\n`);
  process.stdout.write(`  owner token (SQL writes, private reducers): ${server.ownerToken}\n`);
  process.stdout.write('Ctrl-C stops.\n');
  await new Promise<void>(resolve => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      process.stdout.write('\nstopping\n');
      void server.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}

function usage(problem?: string): number {
  if (problem) process.stderr.write(`error: ${problem}\n\n`);
  process.stderr.write(USAGE);
  return 2;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'describe': return await describe(rest);
      case 'run': return await run(rest);
      case 'replay': return await replayCommand(rest, usage);
      case 'generate': return await generate(rest);
      case 'serve': return await serve(rest);
      case undefined: case '--help': case '-h': case 'help': return usage();
      default: return usage(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof CompileError) process.stderr.write(`${e.message}\n`);
    else process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  } finally {
    await esbuild.stop();
  }
}
