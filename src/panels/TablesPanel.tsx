import { useEffect, useMemo, useState } from 'react';
import type { Json, ModuleSummary } from '../../worker/api.ts';
import type { RowWindow } from '../../worker/session/row-window.ts';
import { DataGrid, type GridColumn, type GridSource } from '../grid/DataGrid.tsx';
import { RowDetails } from '../grid/RowDetails.tsx';
import { host } from '../host.ts';
import { useWorkspace } from '../state/use-workspace.ts';
import { timelineHost } from '../timeline/timeline-host.ts';
import { useViewing } from '../timeline/timeline-store.ts';
import { usePastCounts } from '../timeline/use-past.ts';
import { SchemaHeader } from './SchemaHeader.tsx';

type Table = ModuleSummary['tables'][number];

/** The first rows a past view shows: read once per entry, sorted and filtered in the page. */
const PAST_LIMIT = 5000;

/**
 * Table list with row counts; the selected table's schema and its rows: live,
 * read from the engine a window at a time (rows the latest transaction
 * inserted or updated flash), or as they were at a viewed timeline entry.
 */
export function TablesPanel() {
  const { module, counts: live, version } = useWorkspace();
  const viewing = useViewing();
  const past = usePastCounts(viewing);
  const counts = viewing === null ? live : (past ?? []);
  const [selected, setSelected] = useState<string | null>(null);
  // Held here, not in the grid: it stays open while the timeline moves (the grid is replaced then).
  const [open, setOpen] = useState<{ table: string; row: Json[] } | null>(null);
  const tables = module?.tables ?? [];
  const table = tables.find(t => t.name === selected) ?? tables[0];

  if (!module) return <p className="empty">Publish a module to see its tables.</p>;
  return (
    <div className="tables-panel">
      <nav className="table-list" aria-label="Tables">
        <ul>
          {tables.map(t => {
            const n = counts.find(c => c.name === t.name)?.rows;
            return (
              <li key={t.name}>
                <button type="button" aria-current={t === table ? 'true' : undefined} onClick={() => setSelected(t.name)}
                  aria-label={`${t.name}, ${n ?? 'unknown'} rows${t.public ? '' : ', private'}`}>
                  <span className="name">{t.name}</span>
                  {!t.public && <span className="badge quiet">private</span>}
                  <span className="count">{n?.toLocaleString('en-US') ?? '…'}</span>
                </button>
              </li>
            );
          })}
        </ul>
      </nav>
      {table && (
        <div className="table-view">
          <SchemaHeader table={table} />
          {viewing === null ? <LiveRows key={table.name} table={table} version={version} onOpenRow={row => setOpen({ table: table.name, row })} />
            : <PastRows key={`${table.name}@${viewing}`} table={table} at={viewing} onOpenRow={row => setOpen({ table: table.name, row })} />}
          {open?.table === table.name && (
            <RowDetails key={JSON.stringify(open.row)} columns={gridColumns(table)} row={open.row} historyTable={table.name} onClose={() => setOpen(null)} />
          )}
        </div>
      )}
    </div>
  );
}

const gridColumns = (table: Table): GridColumn[] =>
  table.columns.map(c => ({ name: c.name, type: c.type, note: c.primaryKey ? <abbr className="key" title="primary key">PK</abbr> : undefined }));

const inColumnOrder = (table: Table, rows: Json[]): Json[][] => (rows as Record<string, Json>[]).map(row => table.columns.map(c => row[c.name] ?? null));

/** The live table, windowed: the engine sorts and filters; each transaction refetches only the visible rows. */
function LiveRows({ table, version, onOpenRow }: { table: Table; version: number; onOpenRow(row: Json[]): void }) {
  const columns = useMemo(() => gridColumns(table), [table]);
  const source = useMemo((): GridSource => ({
    key: table.name,
    version,
    async fetch(q) {
      const w: RowWindow = { offset: q.offset, limit: q.limit, sort: q.sort, filter: q.filter };
      const r = await host.call(async api => api.rows(table.name, w), 'request', 'Reading rows…');
      if (!r.ok) return { ok: false, error: r.error.message };
      if (!('matched' in r)) return { ok: false, error: 'The engine answered without a row window: reload the page.' };
      return { ok: true, rows: inColumnOrder(table, r.rows), total: r.total, matched: r.matched, changed: r.changed };
    },
  }), [table, version]);
  return <DataGrid label={table.name} columns={columns} source={source} empty="No rows yet" onOpenRow={onOpenRow} />;
}

/** The table as it was right after entry `at`: the first PAST_LIMIT rows, in memory (a past view is read once, not per transaction). */
function PastRows({ table, at, onOpenRow }: { table: Table; at: number; onOpenRow(row: Json[]): void }) {
  const columns = useMemo(() => gridColumns(table), [table]);
  const [loaded, setLoaded] = useState<{ rows: Json[][]; total: number } | null>(null);
  useEffect(() => {
    let current = true;
    void timelineHost.rowsAt(at, table.name, PAST_LIMIT).then(r => current && r.ok && setLoaded({ rows: inColumnOrder(table, r.rows), total: r.total }));
    return () => {
      current = false;
    };
  }, [table, at]);
  return (
    <>
      <DataGrid label={table.name} columns={columns} rows={loaded?.rows ?? []} empty="No rows then" onOpenRow={onOpenRow} />
      {loaded && loaded.total > loaded.rows.length && <p className="muted">Showing the first {loaded.rows.length} of {loaded.total} rows.</p>}
    </>
  );
}
