import { beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../testing/test-db.ts';
import type { Divergence } from './compare.ts';
import type { LogEntry } from './entry.ts';
import { replayHistory } from './replay.ts';
import { edited, openRecorded, runRandom, runScript, type Recorded } from './test-fixtures.ts';

const summary = (d: Divergence) => `${d.type}@${d.position}:${d.type === 'changed' ? d.fields.join('+') : (d.type === 'missing' ? d.recorded : d.replayed).kind}`;
const call = (e: LogEntry) => `${e.kind}:${e.reducer ?? '-'}`;

let script: Recorded;
let random: Recorded;

beforeAll(async () => {
  script = await openRecorded();
  runScript(script);
  random = await openRecorded();
  runRandom(random, 400);
});

describe('replay with the recording module', () => {
  it('re-executes every kind of entry with the same outcome, delta and logs', () => {
    const kinds = new Set(script.history.entries.map(e => e.kind));
    expect([...kinds].sort()).toEqual(['connect', 'disconnect', 'immediate', 'procedure', 'publish', 'reducer', 'schedule-cleanup', 'scheduled', 'sql']);
    const r = replayHistory(script.history, script.module);
    expect(r.divergences).toEqual([]);
    expect(r.sameModule).toBe(true);
    expect(r.history.entries.map(call)).toEqual(script.history.entries.map(call));
    expect(r.history.entries.map(e => e.timestamp)).toEqual(script.history.entries.map(e => e.timestamp));
  });

  it('reproduces a long random session, schedules and ctx.random included, and ends in the same state', () => {
    const r = replayHistory(random.history, random.module);
    expect(r.divergences).toEqual([]);
    expect(r.replayed).toBe(random.history.entries.length);
    for (const t of random.db.schema.tables) expect(r.db.store.scanTable(t.id)).toEqual(random.db.store.scanTable(t.id));
  });
});

describe('replay with an edited module', () => {
  it('reports the first and every entry whose delta changed, with both versions', async () => {
    const module = await compile(edited(['n: row.n + 1', 'n: row.n + 2']));
    const r = replayHistory(random.history, module);
    expect(r.sameModule).toBe(false);
    const bumps = random.history.entries.filter(e => e.reducer === 'bump' && e.outcome.status === 'committed');
    expect(bumps.length).toBeGreaterThan(5);
    const changed = r.divergences.filter(d => d.type === 'changed' && d.recorded.reducer === 'bump');
    expect(changed.map(d => d.position)).toEqual(bumps.map(e => e.position));
    expect(r.divergences[0]!.position).toBe(bumps[0]!.position);
    const first = changed[0] as Extract<Divergence, { type: 'changed' }>;
    expect(first.fields).toEqual(['delta']);
    expect(first.recorded.delta[0]!.inserts[0]).not.toEqual(first.replayed.delta[0]!.inserts[0]);
  });

  it('reports a changed outcome, and the deltas it changes', async () => {
    const module = await compile(edited(["if (!label) throw new SenderError('empty label');", '']));
    const r = replayHistory(script.history, module);
    const refused = script.history.entries.find(e => e.reducer === 'add' && e.outcome.status === 'failed')!;
    expect(r.divergences.map(summary)[0]).toBe(`changed@${refused.position}:outcome+delta`);
    const d = r.divergences[0] as Extract<Divergence, { type: 'changed' }>;
    expect(d.recorded.outcome).toEqual({ status: 'failed', kind: 'sender', message: 'empty label' });
    expect(d.replayed.outcome).toEqual({ status: 'committed' });
  });

  it('shows console output added to the code in the replayed entries (retroactive logging)', async () => {
    const module = await compile(edited(['//ADD_LOG', "console.info('added ' + label + ' as ' + ctx.sender);"]));
    const r = replayHistory(script.history, module);
    const adds = r.history.entries.filter(e => e.reducer === 'add' && e.outcome.status === 'committed');
    expect(adds.map(e => e.logs.map(l => l.message.split(' as ')[0]))).toEqual([['added apple'], ['added pear']]);
    expect(r.divergences.every(d => d.type === 'changed' && d.fields.join() === 'logs')).toBe(true);
    expect(r.divergences).toHaveLength(2);
    expect(replayHistory(script.history, module, { ignoreLogs: true }).divergences).toEqual([]);
  });

  it('reports schedules that no longer fire as missing and new ones as extra', async () => {
    const module = await compile(edited(['microsSinceUnixEpoch + delay', 'microsSinceUnixEpoch + delay * 2n']));
    const r = replayHistory(script.history, module);
    const once = script.history.entries.filter(e => e.kind === 'scheduled' && e.args && Buffer.from(e.args).includes('once'));
    expect(once).toHaveLength(1);
    const list = r.divergences.map(summary);
    expect(list).toContain(`missing@${once[0]!.position}:scheduled`);
    expect(list).toContain(`missing@${once[0]!.position + 1}:schedule-cleanup`);
    expect(list.filter(s => s.startsWith('extra@')).map(s => s.split(':')[1])).toEqual(['scheduled', 'schedule-cleanup']);
  });

  it('reports a connect the module now refuses, and the disconnect that no longer happens', async () => {
    const module = await compile(edited(["if (sub === 'banned')", "if (sub === 'banned' || sub === 'alice')"]));
    const r = replayHistory(script.history, module);
    const list = r.divergences.map(summary);
    const connect = script.history.entries.find(e => e.kind === 'connect')!;
    const disconnect = script.history.entries.find(e => e.kind === 'disconnect')!;
    expect(list[0]).toBe(`changed@${connect.position}:outcome+delta`);
    expect(list).toContain(`missing@${disconnect.position}:disconnect`);
  });

  it('reports only divergences from the given position on, still running the entries before it', async () => {
    const module = await compile(edited(['n: row.n + 1', 'n: row.n + 2']));
    const all = replayHistory(random.history, module).divergences;
    const from = all[Math.floor(all.length / 2)]!.position;
    const later = replayHistory(random.history, module, { from }).divergences;
    expect(later.map(summary)).toEqual(all.filter(d => d.position >= from).map(summary));
    expect(later.length).toBeLessThan(all.length);
  });
});
