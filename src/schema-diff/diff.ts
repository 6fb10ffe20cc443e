/**
 * What changes between the published module's schema and a new build's:
 * tables, columns and indexes added, removed or changed, compared by name
 * on the `describe` summaries. A change breaks the stored rows when a table
 * or column goes away, a column's type or constraints change, or the
 * columns are reordered (a row's layout follows column order).
 */
import type { ModuleSummary } from '../../worker/api.ts';

type Table = ModuleSummary['tables'][number];
type Column = Table['columns'][number];
type Index = Table['indexes'][number];

export type Change = 'added' | 'removed' | 'changed';
/** One named item; `before`/`after` describe it ("u64, primary key, autoinc"). */
export type ItemDiff = { name: string; change: Change; before?: string; after?: string };
export type TableDiff = {
  name: string;
  change: Change;
  columns: ItemDiff[];
  indexes: ItemDiff[];
  /** Table-level changes in words: visibility, primary key, schedule, column order. */
  notes: string[];
  /** Its rows can't be kept. */
  breaking: boolean;
};
export type SchemaDiff = { tables: TableDiff[]; breaking: boolean };

export function describeColumn(c: Column): string {
  const marks = [c.primaryKey && 'primary key', !c.primaryKey && c.unique && 'unique', c.autoInc && 'autoinc'].filter(Boolean);
  return [c.type, ...marks].join(', ');
}

export function describeIndex(ix: Index): string {
  return `${ix.algorithm} on (${ix.columns.join(', ')})${ix.unique ? ', unique' : ''}`;
}

function diffItems<T extends { name: string }>(before: T[], after: T[], describe: (x: T) => string): ItemDiff[] {
  const old = new Map(before.map(x => [x.name, describe(x)]));
  const now = new Map(after.map(x => [x.name, describe(x)]));
  const out: ItemDiff[] = [];
  for (const [name, b] of old) {
    const a = now.get(name);
    if (a === undefined) out.push({ name, change: 'removed', before: b });
    else if (a !== b) out.push({ name, change: 'changed', before: b, after: a });
  }
  for (const [name, a] of now) if (!old.has(name)) out.push({ name, change: 'added', after: a });
  return out;
}

const flags = (t: Table) => `${t.public ? 'public' : 'private'}${t.event ? ' event' : ''} table`;
const schedule = (t: Table) => (t.schedule ? `scheduled → ${t.schedule.reducer} at ${t.schedule.column}` : 'not scheduled');

function diffTable(b: Table, a: Table): TableDiff | undefined {
  const columns = diffItems(b.columns, a.columns, describeColumn);
  const indexes = diffItems(b.indexes, a.indexes, describeIndex);
  const notes: string[] = [];
  if (flags(b) !== flags(a)) notes.push(`${flags(b)} → ${flags(a)}`);
  if (b.primaryKey.join() !== a.primaryKey.join()) notes.push(`primary key (${b.primaryKey.join(', ')}) → (${a.primaryKey.join(', ')})`);
  if (schedule(b) !== schedule(a)) notes.push(`${schedule(b)} → ${schedule(a)}`);
  const kept = (t: Table) => t.columns.map(c => c.name).filter(n => b.columns.some(c => c.name === n) && a.columns.some(c => c.name === n));
  const reordered = kept(b).join() !== kept(a).join();
  if (reordered) notes.push('columns reordered');
  if (!columns.length && !indexes.length && !notes.length) return undefined;
  const breaking = reordered || columns.some(c => c.change !== 'added');
  return { name: a.name, change: 'changed', columns, indexes, notes, breaking };
}

export function diffSchemas(before: ModuleSummary, after: ModuleSummary): SchemaDiff {
  const now = new Map(after.tables.map(t => [t.name, t]));
  const old = new Set(before.tables.map(t => t.name));
  const tables: TableDiff[] = [];
  const whole = (t: Table, change: 'added' | 'removed'): TableDiff => {
    const items = t.columns.map(c => ({ name: c.name, change, [change === 'added' ? 'after' : 'before']: describeColumn(c) }));
    return { name: t.name, change, columns: items, indexes: [], notes: [], breaking: change === 'removed' };
  };
  for (const b of before.tables) {
    const a = now.get(b.name);
    const d = a ? diffTable(b, a) : whole(b, 'removed');
    if (d) tables.push(d);
  }
  for (const a of after.tables) if (!old.has(a.name)) tables.push(whole(a, 'added'));
  return { tables, breaking: tables.some(t => t.breaking) };
}
