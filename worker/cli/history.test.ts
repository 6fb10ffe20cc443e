import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHistory } from '../history/codec.ts';
import type { ReplayReport } from '../history/report.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin', 'spacetime-playground.js');
const chat = join(root, 'samples', 'chat', 'index.ts');

/** Runs the CLI as a module author would; resolves with its exit code and output. */
function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise(resolve => {
    execFile(process.execPath, [bin, ...args], { cwd: root }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

let dir: string;
let history: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-history-'));
  history = join(dir, 'chat.history.jsonl');
  const run = await cli('run', chat, join(root, 'samples', 'chat', 'scenario.json'), '--history', history);
  expect(run.code).toBe(0);
  expect(run.stdout).toBe(await readFile(join(root, 'samples', 'chat', 'scenario.expected.jsonl'), 'utf8'));
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('spacetime-playground run --history and replay', () => {
  it('run --history writes the scenario history without changing what run prints', async () => {
    const h = parseHistory(await readFile(history, 'utf8'));
    expect(h.entries[0]!.kind).toBe('publish');
    expect(h.entries.map(e => e.kind)).toContain('disconnect');
    expect(h.entries.filter(e => e.kind === 'connect').every(e => e.jwtPayload?.includes('"sub"'))).toBe(true);
  });

  it('replay exits 0 and reports no divergences on the module that recorded the history', async () => {
    const r = await cli('replay', chat, history);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/no divergences/);
    expect(r.code).toBe(0);
  }, 60_000);

  it('replay exits 1 on an edited module and prints the divergences as JSON with both versions', async () => {
    const source = await readFile(chat, 'utf8');
    const changed = source.replace("if (!name) throw new SenderError('Names must not be empty');", '');
    expect(changed).not.toBe(source);
    await mkdir(join(dir, 'edited'));
    await writeFile(join(dir, 'edited', 'index.ts'), changed);
    const r = await cli('replay', join(dir, 'edited', 'index.ts'), history, '--json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as ReplayReport;
    expect(report.ok).toBe(false);
    expect(report.nondeterministic).toBe(false);
    const first = report.divergences[0]!;
    expect(first.fields).toEqual(['outcome', 'delta', 'logs']);
    expect(first.recorded?.outcome).toEqual({ status: 'failed', kind: 'sender', message: 'Names must not be empty' });
    expect(first.replayed?.outcome).toEqual({ status: 'committed' });
  }, 60_000);

  it('replay exits 2 on a file that is not a history, or without its arguments', async () => {
    const bogus = join(dir, 'bogus.jsonl');
    await writeFile(bogus, '{"steps": []}\n');
    const r = await cli('replay', chat, bogus);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not a history file/);
    expect((await cli('replay', chat)).code).toBe(2);
  }, 60_000);
});
