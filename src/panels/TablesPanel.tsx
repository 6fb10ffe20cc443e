import { useEffect, useRef, useState } from 'react';
import type { Json, ModuleSummary } from '../../worker/api.ts';
import { formatValue, fullValue } from '../format.ts';
import { host } from '../host.ts';

type Table = ModuleSummary['tables'][number];
type Row = Record<string, Json>;

/** Every table of the published module with all its rows, refetched whenever `version` moves. */
export function TablesPanel({ module, version }: { module: ModuleSummary; version: number }) {
  const [rows, setRows] = useState<Record<string, Row[]>>({});
  const latest = useRef(0);

  useEffect(() => {
    const id = ++latest.current;
    const fetchAll = module.tables.map(async t => [t.name, await host.rows(t.name)] as const);
    void Promise.all(fetchAll).then(results => {
      // A newer fetch started meanwhile: its answer wins, whatever order they arrive in.
      if (id !== latest.current) return;
      setRows(Object.fromEntries(results.map(([name, r]) => [name, r.ok ? (r.rows as Row[]) : []])));
    });
  }, [module, version]);

  return (
    <section className="panel" aria-labelledby="tables-heading">
      <h2 id="tables-heading">Tables</h2>
      {module.tables.length === 0 && <p className="empty">This module defines no tables.</p>}
      {module.tables.map(t => (
        <TableView key={t.name} table={t} rows={rows[t.name]} />
      ))}
    </section>
  );
}

function TableView({ table, rows }: { table: Table; rows: Row[] | undefined }) {
  const count = rows?.length ?? 0;
  return (
    <div className="table-card">
      <div className="table-title">
        <h3>{table.name}</h3>
        <span className="badge">{table.public ? 'public' : 'private'}</span>
        {table.schedule && <span className="badge">schedule → {table.schedule.reducer}</span>}
        <span className="count">
          {count} {count === 1 ? 'row' : 'rows'}
        </span>
      </div>
      <div className="table-scroll">
        <table aria-label={table.name}>
          <thead>
            <tr>
              {table.columns.map(c => (
                <th key={c.name} scope="col">
                  {c.name}
                  {c.primaryKey && (
                    <abbr className="key" title="primary key">
                      PK
                    </abbr>
                  )}
                  <span className="type">{c.type}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {count === 0 && (
              <tr>
                <td className="empty" colSpan={table.columns.length}>
                  No rows
                </td>
              </tr>
            )}
            {rows?.map((row, i) => (
              <tr key={i}>
                {table.columns.map(c => (
                  <td key={c.name} title={fullValue(row[c.name])} className={row[c.name] === null ? 'null' : undefined}>
                    {formatValue(row[c.name])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
