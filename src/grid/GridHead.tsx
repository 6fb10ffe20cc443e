import type { GridColumn, GridSort } from './grid-types.ts';

const NEXT = { none: 'ascending', asc: 'descending', desc: 'unsorted' } as const;

/** The grid's header row: one sort button per column (asc → desc → none). */
export function GridHead({ columns, sort, onSort }: { columns: GridColumn[]; sort: GridSort; onSort(col: number): void }) {
  return (
    <thead>
      <tr>
        {columns.map((c, i) => {
          const dir = sort?.col === i ? sort.dir : 'none';
          return (
            <th key={c.name} scope="col" aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : undefined}>
              <button type="button" className="th-button" onClick={() => onSort(i)} title={`Sort by ${c.name}, ${NEXT[dir]}`}>
                {c.name}
                {c.note}
                {c.type && <span className="type">{c.type}</span>}
                {dir !== 'none' && <span aria-hidden="true">{dir === 'asc' ? ' ▲' : ' ▼'}</span>}
              </button>
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
