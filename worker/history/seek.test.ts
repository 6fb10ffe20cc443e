import { beforeAll, describe, expect, it } from 'vitest';
import { createDatastore, restore, snapshot, type DatastoreSnapshot } from '../db/datastore.ts';
import { stepEnd } from './entry.ts';
import { replayHistory } from './replay.ts';
import { SeekIndex } from './seek.ts';
import { openRecorded, runRandom, runScript, type Recorded } from './test-fixtures.ts';

/** One line per table (rows in order, hex) and the sequences: cheap to compare, readable in a diff. */
const hex = (s: DatastoreSnapshot): string =>
  [...s.rows.map((t, id) => `${id}: ${t.map(r => Buffer.from(r).toString('hex')).join(' ')}`), JSON.stringify(s.sequences)].join('\n');

let t: Recorded;
beforeAll(async () => {
  t = await openRecorded();
  runScript(t);
  runRandom(t, 300);
});

const indexOf = (t: Recorded) => new SeekIndex(t.history.entries, t.db.schema.tables.length);

describe('seek', () => {
  it('reconstructs, at every position, the rows (in table order) and sequences the run had right after that entry', () => {
    const index = indexOf(t);
    expect(t.history.entries.length).toBeGreaterThan(300);
    expect(t.states).toHaveLength(t.history.entries.length);
    for (let p = 0; p < t.states.length; p++) expect(hex(index.stateAt(p)), `position ${p}`).toBe(hex(t.states[p]!));
  });

  it('matches a fresh database run up to the position, at many positions', () => {
    const index = indexOf(t);
    const n = t.history.entries.length;
    for (let k = 0; k < 12; k++) {
      const p = stepEnd(t.history.entries, Math.floor((k * (n - 1)) / 11));
      const fresh = replayHistory(t.history, t.module, { to: p }).db;
      expect(hex(index.stateAt(p)), `position ${p}`).toBe(hex(snapshot(fresh.store)));
    }
  });

  it('gives a state that restores into a datastore with working indexes', () => {
    const p = Math.floor(t.history.entries.length / 2);
    const ds = createDatastore(t.db.schema);
    restore(ds, indexOf(t).stateAt(p));
    const item = t.db.findTable('item')!;
    const rows = t.states[p]!.rows[item.id]!;
    expect(ds.rowCount(item.id)).toBe(BigInt(rows.length));
    const pk = item.indexes.find(ix => ix.unique)!;
    for (const row of rows) expect(ds.scanPoint(pk.id, row.subarray(0, 8))).toEqual([row]);
  });

  it('grows entry by entry, answering for positions recorded so far', () => {
    const index = new SeekIndex([], t.db.schema.tables.length);
    for (const e of t.history.entries.slice(0, 40)) index.append(e);
    expect(index.length).toBe(40);
    expect(hex(index.stateAt(39))).toBe(hex(t.states[39]!));
    expect(() => index.stateAt(40)).toThrow(RangeError);
    expect(() => index.append(t.history.entries[41]!)).toThrow(/appended after 40/);
  });

  it('refuses a history whose delta deletes a row that is not there', () => {
    const bad = t.history.entries.slice(0, 3).map(e => ({ ...e }));
    const item = t.db.findTable('item')!.id;
    bad[2] = { ...bad[2]!, delta: [{ tableId: item, inserts: [], deletes: [new Uint8Array(12)] }] };
    expect(() => new SeekIndex(bad)).toThrow(/entry 2 deletes a row/);
  });
});
