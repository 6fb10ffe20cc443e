import { useState } from 'react';
import { useWorkspace } from '../state/use-workspace.ts';
import { ReducerForm } from './ReducerForm.tsx';

/** One form per reducer, built from its parameter types; filterable by name. */
export function ReducersPanel() {
  const { module, forms, clients } = useWorkspace();
  const [filter, setFilter] = useState('');
  if (!module) return <p className="empty">Publish a module to call its reducers.</p>;
  const shown = forms.filter(f => f.name.includes(filter.trim()));
  const info = new Map(module.reducers.map(r => [r.name, r]));
  return (
    <div className="reducers-panel">
      <div className="panel-tools">
        <input type="search" placeholder="Filter reducers" aria-label="Filter reducers" value={filter} onChange={e => setFilter(e.target.value)} />
        <span className="muted">{forms.length} reducer{forms.length === 1 ? '' : 's'} · lifecycle reducers run on publish, connect and disconnect</span>
      </div>
      {shown.length === 0 && <p className="empty">No reducers{filter ? ' match' : ''}.</p>}
      {shown.map(f => (
        <ReducerForm key={f.name + JSON.stringify(f.params)} form={f} isPublic={info.get(f.name)?.public ?? true} scheduledBy={info.get(f.name)?.scheduledBy ?? null} clients={clients} />
      ))}
    </div>
  );
}
