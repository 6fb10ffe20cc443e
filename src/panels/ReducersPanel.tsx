import { useState } from 'react';
import { useWorkspace } from '../state/use-workspace.ts';
import { timeline, useViewing } from '../timeline/timeline-store.ts';
import { ReducerForm } from './ReducerForm.tsx';

/** One form per reducer, built from its parameter types; filterable by name. */
export function ReducersPanel() {
  const { module, forms, clients } = useWorkspace();
  const [filter, setFilter] = useState('');
  const viewing = useViewing();
  if (!module) return <p className="empty">Publish a module to call its reducers.</p>;
  const shown = forms.filter(f => f.name.includes(filter.trim()));
  const info = new Map(module.reducers.map(r => [r.name, r]));
  return (
    <div className="reducers-panel">
      <div className="panel-tools">
        <input type="search" placeholder="Filter reducers" aria-label="Filter reducers" value={filter} onChange={e => setFilter(e.target.value)} />
        <span className="muted">{forms.length} reducer{forms.length === 1 ? '' : 's'} · lifecycle reducers run on publish, connect and disconnect</span>
      </div>
      {viewing !== null && (
        <p className="read-only-note" role="note">
          Viewing #{viewing}: the past is read-only. <button type="button" className="link" onClick={timeline.live}>Back to live</button> to call reducers.
        </p>
      )}
      {shown.length === 0 && <p className="empty">No reducers{filter ? ' match' : ''}.</p>}
      <fieldset className="plain" disabled={viewing !== null}>
        {shown.map(f => (
          <ReducerForm key={f.name + JSON.stringify(f.params)} form={f} isPublic={info.get(f.name)?.public ?? true} scheduledBy={info.get(f.name)?.scheduledBy ?? null} clients={clients} />
        ))}
      </fieldset>
    </div>
  );
}
