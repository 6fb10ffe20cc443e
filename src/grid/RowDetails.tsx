import { useEffect, useRef } from 'react';
import type { Json } from '../../worker/api.ts';
import type { GridColumn } from './DataGrid.tsx';
import { RowHistory } from './RowHistory.tsx';

type Props = {
  columns: GridColumn[];
  row: Json[];
  /** The table the row belongs to, to show its history too (the Tables panel; in-memory grids have none). */
  historyTable?: string;
  onClose(): void;
};

/** One row in full: every column's whole value, nested values pretty-printed, and optionally its history. */
export function RowDetails({ columns, row, historyTable, onClose }: Props) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  return (
    <aside className="row-details" aria-label="Row details" onKeyDown={e => e.key === 'Escape' && onClose()}>
      <div className="row-details-head">
        <strong>Row</strong>
        <button type="button" ref={close} className="icon" aria-label="Close row details" onClick={onClose}>
          ×
        </button>
      </div>
      <dl>
        {columns.map((c, i) => (
          <div key={c.name}>
            <dt>
              {c.name} {c.type && <span className="type">{c.type}</span>}
            </dt>
            <dd>
              <pre>{typeof row[i] === 'object' && row[i] !== null ? JSON.stringify(row[i], null, 2) : String(row[i] ?? 'null')}</pre>
            </dd>
          </div>
        ))}
      </dl>
      {historyTable !== undefined && <RowHistory table={historyTable} row={row} />}
    </aside>
  );
}
