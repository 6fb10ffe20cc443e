import { useEffect, useMemo, useRef, useState } from 'react';
import type { Json, ModuleSummary } from '../../worker/api.ts';
import { DataGrid } from '../grid/DataGrid.tsx';
import { host } from '../host.ts';
import { useWorkspace } from '../state/use-workspace.ts';
import { timelineHost } from '../timeline/timeline-host.ts';
import { useViewing } from '../timeline/timeline-store.ts';
import { usePastCounts } from '../timeline/use-past.ts';
import { SchemaHeader } from './SchemaHeader.tsx';

type Table = ModuleSummary['tables'][number];
type Loaded = { table: string; rows: Json[][]; total: number; flash: Set<number> };

/** Table list with row counts; the selected table's schema and live rows (new ones flash), or the rows as they were at a viewed entry. */
export function TablesPanel() {
  const { module, counts: live, version } = useWorkspace();
  const viewing = useViewing();
  const past = usePastCounts(viewing);
  const counts = viewing === null ? live : (past ?? []);
  const [selected, setSelected] = useState<string | null>(null);
  const tables = module?.tables ?? [];
  const table = tables.find(t => t.name === selected) ?? tables[0];
  const loaded = useRows(table, version, viewing);

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
                <span className="count">{n ?? '…'}</span>
              </button>
            </li>
            );
          })}
        </ul>
      </nav>
      {table && (
        <div className="table-view">
          <SchemaHeader table={table} />
          <DataGrid
            label={table.name}
            columns={table.columns.map(c => ({ name: c.name, type: c.type, note: c.primaryKey ? <abbr className="key" title="primary key">PK</abbr> : undefined }))}
            rows={loaded?.table === table.name ? loaded.rows : []}
            flash={loaded?.flash}
            empty="No rows yet"
          />
          {loaded && loaded.total > loaded.rows.length && <p className="muted">Showing the first {loaded.rows.length} of {loaded.total} rows.</p>}
        </div>
      )}
    </div>
  );
}

/** The table's rows, refetched as transactions commit; rows not there before flash. */
function useRows(table: Table | undefined, version: number, at: number | null): Loaded | null {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const latest = useRef(0);
  const prev = useRef<{ table: string; keys: Set<string> } | null>(null);
  const columns = useMemo(() => table?.columns.map(c => c.name) ?? [], [table]);

  useEffect(() => {
    if (!table) return;
    const id = ++latest.current;
    const timer = setTimeout(async () => {
      const r = at === null ? await host.rows(table.name, 5000) : await timelineHost.rowsAt(at, table.name, 5000);
      // A newer fetch started meanwhile: its answer wins, whatever order they arrive in.
      if (id !== latest.current || !r.ok) return;
      const rows = (r.rows as Record<string, Json>[]).map(row => columns.map(c => row[c] ?? null));
      const keys = new Set(rows.map(row => JSON.stringify(row)));
      const before = prev.current?.table === table.name ? prev.current.keys : null;
      const flash = new Set<number>();
      if (before) rows.forEach((row, i) => !before.has(JSON.stringify(row)) && flash.add(i));
      prev.current = { table: table.name, keys };
      setLoaded({ table: table.name, rows, total: r.total, flash });
    }, 30);
    return () => clearTimeout(timer);
  }, [table, version, columns, at]);
  return loaded;
}
