import { useState, type FormEvent } from 'react';
import type { ModuleSummary, PastClient, ReducerForm } from '../../worker/api.ts';
import type { ClientState } from '../clients/sim-clients.ts';
import { sdkValueText } from '../clients/sdk-values.ts';
import { workspace } from '../state/workspace.ts';
import { PastCache } from '../timeline/PastCache.tsx';
import { ClientCall } from './ClientCall.tsx';
import { ClientStream } from './ClientStream.tsx';

const norm = (s: string) => s.replace(/_/g, '').toLowerCase();
const short = (hex: string | null) => (hex ? `${hex.slice(0, 8)}…${hex.slice(-4)}` : '—');

type Props = {
  client: ClientState;
  module: ModuleSummary | null;
  forms: ReducerForm[];
  clients: ClientState[];
  past?: { at: number; client: PastClient | null };
};

/**
 * One simulated client: identity, connection (online switch, another tab of
 * the same identity), subscriptions (editable), its cache as small tables,
 * its event stream and reducer calls made as it; read-only as it was at a
 * viewed entry (`past`).
 */
export function ClientCard({ client: c, module, forms, clients, past }: Props) {
  const [query, setQuery] = useState('');
  const online = c.status !== 'offline';
  const addQuery = (e: FormEvent) => {
    e.preventDefault();
    const q = query.trim();
    if (!q || c.queries.includes(q)) return;
    workspace.clients.setQueries(c.name, [...c.queries, q]);
    setQuery('');
  };
  // Cache tables in the order the client's queries name them.
  const rank = (name: string) => {
    const i = c.queries.findIndex(q => new RegExp(`\\bfrom\\s+${name}\\b`, 'i').test(q));
    return i < 0 ? c.queries.length : i;
  };
  const tables = (module?.tables ?? [])
    .filter(t => t.public)
    .map(t => ({ table: t, rows: workspace.clients.cache(c.name, t.name) }))
    .filter(x => x.rows.length > 0)
    .sort((a, b) => rank(a.table.name) - rank(b.table.name));

  return (
    <article className="client-card" aria-label={`Client ${c.name}`}>
      <fieldset className="plain" disabled={past !== undefined}>
      <header className="client-head">
        <span className={`dot ${c.status === 'online' ? 'online' : c.status === 'connecting' ? 'busy' : ''}`} aria-hidden="true" />
        <h3>{c.name}</h3>
        <span className="muted">{past ? (past.client?.connected ? `connected at #${past.at}` : `offline at #${past.at}`) : c.status}</span>
        <span className="grow" />
        <button type="button" role="switch" aria-checked={online} aria-label={`${c.name} online`} className={`online-switch ${online ? 'on' : ''}`}
          title={online ? 'Go offline: the card keeps its identity and subscriptions' : 'Go online: reconnects and subscribes again'}
          onClick={() => (online ? workspace.clients.disconnect(c.name) : workspace.clients.connect(c.name))}>
          <span className="knob" aria-hidden="true" />{online ? 'online' : 'offline'}
        </button>
        <button type="button" className="icon small" aria-label={`Open another tab as ${c.tabOf ?? c.name}`} title="Open another tab: one more connection with the same identity"
          onClick={() => workspace.clients.openTab(c.name)}>+tab</button>
        <button type="button" className="icon" aria-label={`Remove ${c.name}`} title="Remove this client" onClick={() => workspace.clients.remove(c.name)}>×</button>
      </header>
      <div className="client-ids">
        <span className="muted">identity</span>
        <code title={c.identity ?? ''}>{short(c.identity)}</code>
        {c.identity && <button type="button" className="icon small" aria-label={`Copy ${c.name}'s identity`} onClick={() => void navigator.clipboard?.writeText(c.identity ?? '')}>copy</button>}
        <span className="muted">connection</span>
        <code title={c.connectionId ?? ''}>{short(c.connectionId)}</code>
      </div>
      {c.tabOf && <p className="muted small tab-note">Another tab of {c.tabOf}: same identity, its own connection.</p>}
      {c.error && <p className="error">{c.error}</p>}
      <section aria-label={`${c.name}'s subscriptions`}>
        <h4>Subscriptions</h4>
        <ul className="client-queries">
          {c.queries.map(q => (
            <li key={q} className={c.queryErrors[q] ? 'bad' : ''} title={c.queryErrors[q] ?? q}>
              {c.queryErrors[q] && <span aria-hidden="true">⚠ </span>}
              <code>{q}</code>
              <button type="button" className="icon" aria-label={`Unsubscribe ${c.name} from ${q}`} onClick={() => workspace.clients.setQueries(c.name, c.queries.filter(x => x !== q))}>×</button>
            </li>
          ))}
        </ul>
        {Object.keys(c.queryErrors).length > 0 && (
          <p className="error small query-error" title={Object.values(c.queryErrors).join('\n')}>
            {Object.keys(c.queryErrors).length} refused: {Object.values(c.queryErrors)[0]}
          </p>
        )}
        <form onSubmit={addQuery} className="row">
          <input className="code grow small" aria-label={`New subscription for ${c.name}`} placeholder="SELECT * FROM …" value={query} onChange={e => setQuery(e.target.value)} />
          <button type="submit" className="small secondary">Add</button>
        </form>
      </section>
      </fieldset>
      {past ? <PastCache name={c.name} past={past.client} at={past.at} /> : (
      <section aria-label={`${c.name}'s cache`} className="client-cache">
        <h4>Cache</h4>
        {tables.length === 0 && <p className="empty small">Empty: nothing subscribed is visible to {c.name}.</p>}
        {tables.map(({ table, rows }) => (
          <div key={table.name} className="cache-table">
            <div className="cache-title">{table.name} <span className="muted">{rows.length}</span></div>
            <table aria-label={`${c.name}'s ${table.name}`}>
              <thead>
                <tr>{table.columns.map(col => <th key={col.name} scope="col">{col.name}</th>)}</tr>
              </thead>
              <tbody>
                {rows.map((row, i) => (
                  <tr key={i}>
                    {table.columns.map(col => {
                      const key = Object.keys(row).find(k => norm(k) === norm(col.name));
                      const text = sdkValueText(key === undefined ? undefined : row[key]);
                      return <td key={col.name} title={text}>{text.length > 18 && /^[0-9a-f]+$/.test(text) ? short(text) : text}</td>;
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      </section>
      )}
      {!past && forms.length > 0 && <ClientCall client={c} forms={forms} clients={clients} />}
      {!past && <ClientStream name={c.name} events={workspace.clients.events(c.name)} onClear={() => workspace.clients.clearEvents(c.name)} />}
    </article>
  );
}
