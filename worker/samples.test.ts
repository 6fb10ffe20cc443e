import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileModuleFile } from './node/load-module.ts';
import { runScenario, type Line } from './scenario/run-scenario.ts';

// Samples are fixtures: every samples/<name>/ with an index.ts and a
// scenario.json is built from disk exactly as the CLI builds it and its
// scenario runs here. Adding a sample adds a test.
const root = join(import.meta.dirname, '..', 'samples');
const samples = readdirSync(root, { withFileTypes: true })
  .filter(d => d.isDirectory() && existsSync(join(root, d.name, 'index.ts')))
  .map(d => d.name);

async function run(name: string): Promise<{ status: number; lines: Line[]; text: string }> {
  const module = await compileModuleFile(join(root, name, 'index.ts'));
  const scenario: unknown = JSON.parse(readFileSync(join(root, name, 'scenario.json'), 'utf8'));
  const lines: Line[] = [];
  const status = runScenario(module, scenario, l => lines.push(l));
  return { status, lines, text: lines.map(l => JSON.stringify(l)).join('\n') + '\n' };
}

describe.each(samples)('sample %s', name => {
  it('runs its scenario to the end with deterministic output', async () => {
    const first = await run(name);
    const second = await run(name);
    expect(first.status).toBe(0);
    const steps = (JSON.parse(readFileSync(join(root, name, 'scenario.json'), 'utf8')) as { steps: unknown[] }).steps;
    expect(first.lines.filter(l => 'step' in l)).toHaveLength(steps.length);
    expect(second.text).toBe(first.text);
    await expect(first.text).toMatchFileSnapshot(join(root, name, 'scenario.expected.jsonl'));
  });

  it('leaves no trace of failed calls: every failed step reports an error', async () => {
    const { lines } = await run(name);
    const failed = lines.filter(l => l.ok === false);
    expect(failed.length).toBeGreaterThan(0);
    for (const l of failed) expect(typeof l.error).toBe('string');
  });
});

describe('sample kanban', () => {
  it('rolls up cards done per day from the scheduled metric timer', async () => {
    const { lines } = await run('kanban');
    expect(lines.some(l => l.scheduled === 'rollup_metrics' && l.ok === true)).toBe(true);
    const metricRows = lines.filter(l => Array.isArray(l.rows) && (l.rows as { day?: string }[]).some(r => r.day !== undefined));
    expect(metricRows.at(-1)?.rows).toEqual([
      { day: '2025-01-01', cards_completed: 1 },
      { day: '2025-01-02', cards_completed: 1 },
    ]);
  });
});
