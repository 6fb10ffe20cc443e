import { describe, expect, it } from 'vitest';
import { compile } from '../testing/test-db.ts';
import { checkDeterminism } from './determinism.ts';
import { edited, openRecorded, runRandom, runScript } from './test-fixtures.ts';

// State kept on globalThis outlives the database: a fresh database in the same process sees
// other values than the recording did — the kind of bug the check exists to find.
const LEAKY = edited(['ctx.db.item.insert({ id: 0n, label, n });', 'const g = globalThis as any; g.__adds = (g.__adds ?? 0) + 1; ctx.db.item.insert({ id: 0n, label, n: n + g.__adds });']);

describe('determinism check', () => {
  it('passes a module whose replay reproduces every recorded delta', async () => {
    const t = await openRecorded();
    runScript(t);
    runRandom(t, 200);
    const report = checkDeterminism(t.history, t.module);
    expect(report).toEqual({ deterministic: true, nondeterministic: [], replayed: t.history.entries.length });
  });

  it('flags each entry whose delta differs on replay with the same module, with both versions', async () => {
    const t = await openRecorded(LEAKY);
    runScript(t);
    const report = checkDeterminism(t.history, t.module);
    const adds = t.history.entries.filter(e => e.reducer === 'add' && e.outcome.status === 'committed').map(e => e.position);
    // Both adds differ, and so does the bump that updates the first one's row.
    const bump = t.history.entries.find(e => e.reducer === 'bump' && e.outcome.status === 'committed')!.position;
    expect(report.deterministic).toBe(false);
    expect(report.nondeterministic.map(d => d.position)).toEqual([adds[0], bump, adds[1]]);
    const first = report.nondeterministic[0]!;
    expect(first.type === 'changed' && first.fields).toEqual(['delta']);
  });

  it('refuses to judge a module other than the recording one', async () => {
    const t = await openRecorded();
    t.call('add', ['x', 1]);
    const other = await compile(edited(['//ADD_LOG', "console.log('x');"]));
    expect(() => checkDeterminism(t.history, other)).toThrow(/not the version that recorded/);
  });
});
