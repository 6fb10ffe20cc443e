import type { ModuleSummary } from '../../worker/api.ts';

type Table = ModuleSummary['tables'][number];

/** What a table is: visibility, schedule, and its columns with keys, constraints and indexes. */
export function SchemaHeader({ table }: { table: Table }) {
  const indexed = new Map(table.indexes.filter(ix => ix.columns.length === 1).map(ix => [ix.columns[0]!, ix.algorithm]));
  return (
    <div className="schema-header" aria-label={`Schema of ${table.name}`}>
      <div className="schema-title">
        <h3>{table.name}</h3>
        <span className="badge">{table.public ? 'public' : 'private'}</span>
        {table.event && <span className="badge">event</span>}
        {table.schedule && (
          <span className="badge" title={`Rows are scheduled calls: ${table.schedule.reducer} runs at each row's ${table.schedule.column}`}>
            schedule → {table.schedule.reducer} at {table.schedule.column}
          </span>
        )}
      </div>
      <ul className="schema-columns">
        {table.columns.map(c => (
          <li key={c.name}>
            <code>{c.name}</code>
            <span className="type">{c.type}</span>
            {c.primaryKey && <span className="badge key">PK</span>}
            {c.unique && !c.primaryKey && <span className="badge">unique</span>}
            {c.autoInc && <span className="badge">autoinc</span>}
            {indexed.has(c.name) && !c.unique && !c.primaryKey && <span className="badge quiet" title={`Indexed (${indexed.get(c.name)}): sorting by it reads the index`}>indexed</span>}
          </li>
        ))}
      </ul>
      {table.indexes.length > 0 && (
        <p className="schema-indexes muted">
          Indexes:{' '}
          {table.indexes.map(ix => `${ix.accessor ?? ix.name} (${ix.algorithm}${ix.unique ? ', unique' : ''}: ${ix.columns.join(', ')})`).join(' · ')}
        </p>
      )}
    </div>
  );
}
