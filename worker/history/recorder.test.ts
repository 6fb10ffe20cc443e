import { describe, expect, it } from 'vitest';
import { START } from '../testing/test-db.ts';
import { moduleHash } from './recorder.ts';
import { replayHistory } from './replay.ts';
import { openRecorded, runScript, SEC } from './test-fixtures.ts';

describe('recording', () => {
  it('numbers entries from 0 (the publish) and keeps each record’s fields', async () => {
    const t = await openRecorded();
    runScript(t);
    expect(t.history.entries.map(e => e.position)).toEqual(t.records.map((_, i) => i));
    expect(t.history.entries[0]!.kind).toBe('publish');
    t.history.entries.forEach((e, i) => {
      const r = t.records[i]!;
      expect([e.kind, e.reducer, e.sender, e.connectionId, e.timestamp, e.outcome, e.logs, e.delta, e.sql]).toEqual([r.kind, r.reducer, r.sender, r.connectionId, r.timestamp, r.outcome, r.logs, r.delta, r.sql]);
    });
    expect(t.history.entries.find(e => e.outcome.status === 'rejected')?.reducer).toBe('nope');
    expect(t.history.entries.find(e => e.kind === 'sql')?.sql).toBe("UPDATE item SET n = 42 WHERE label = 'seed'");
  });

  it('keeps the JWT payload of each connect, refused ones included', async () => {
    const t = await openRecorded();
    t.connect('alice');
    t.connect('banned');
    const subs = t.history.entries.filter(e => e.kind === 'connect').map(e => JSON.parse(e.jwtPayload!).sub);
    expect(subs).toEqual(['alice', 'banned']);
  });

  it('keeps sequence positions only on entries that moved them, failed calls included', async () => {
    const t = await openRecorded();
    t.call('add', ['a', 1]);
    t.call('bump', [2]);
    t.call('crash', ['x']);
    const [publish, add, bump, crash] = t.history.entries;
    expect(publish!.sequences).toBeDefined();
    expect(add!.sequences?.find(s => s.tableId === t.db.findTable('item')!.id)?.next).toBe(3);
    expect(bump!.sequences).toBeUndefined();
    // The failed insert rolled back, the sequence did not.
    expect(crash!.delta).toEqual([]);
    expect(crash!.sequences?.find(s => s.tableId === t.db.findTable('item')!.id)?.next).toBe(4);
  });

  it('keeps the clock when a call carries another timestamp, and replay reproduces what that scheduled', async () => {
    const t = await openRecorded();
    // later(delay: 1s, label: "x")
    const args = new Uint8Array([...new Uint8Array(new BigInt64Array([SEC]).buffer), 1, 0, 0, 0, 0x78]);
    t.db.callReducer('later', args, undefined, START + 10n * SEC);
    t.db.advance(20n * SEC);
    const call = t.history.entries.at(-3)!;
    expect([call.timestamp, call.clock]).toEqual([START + 10n * SEC, START]);
    expect(t.history.entries.slice(-2).map(e => [e.kind, e.timestamp])).toEqual([['scheduled', START + 11n * SEC], ['schedule-cleanup', START + 11n * SEC]]);
    expect(replayHistory(t.history, t.module).divergences).toEqual([]);
  });

  it('names the module version by a hash of its compiled code', async () => {
    const t = await openRecorded();
    expect(t.history.header.moduleHash).toBe(moduleHash(t.module.code));
    expect(moduleHash(t.module.code + ' ')).not.toBe(moduleHash(t.module.code));
  });
});
