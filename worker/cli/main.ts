import { readFile } from 'node:fs/promises';
import { createVirtualClock } from '../engine/clock.ts';
import { openDatabase } from '../engine/database.ts';
import { summarizeModule } from '../module/summary.ts';
import { esbuild } from '../node/esbuild.ts';
import { CompileError, compileModuleFile } from '../node/load-module.ts';
import { runScenario, type Line } from '../scenario/run-scenario.ts';
import { formatSummary } from './describe.ts';

const USAGE = `usage: spacetime-playground <command> ...

commands:
  describe <entry.ts> [--json]        tables, reducers, procedures, views and visibility filters
  run <entry.ts> <scenario.json>      run a scenario on a fresh in-memory database (JSON lines)
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

async function run(args: string[]): Promise<number> {
  const [entry, scenarioPath] = args;
  if (!entry || !scenarioPath) return usage('run needs the module entry file and a scenario file');
  let input: unknown;
  try {
    input = JSON.parse(await readFile(scenarioPath, 'utf8'));
  } catch (e) {
    process.stdout.write(JSON.stringify({ ok: false, error: `${scenarioPath}: ${(e as Error).message}` }) + '\n');
    return 1;
  }
  const { prelude, code } = await compileModuleFile(entry);
  const lines: string[] = [];
  const print = (line: Line) => lines.push(JSON.stringify(line));
  let status: number;
  try {
    status = runScenario(prelude, code, input, print);
  } finally {
    process.stdout.write(lines.map(l => l + '\n').join(''));
  }
  return status;
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
