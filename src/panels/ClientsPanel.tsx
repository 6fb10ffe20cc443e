import { useState, type FormEvent } from 'react';
import type { ClientView, InputResult } from '../../worker/api.ts';
import { describeOutcome, formatValue } from '../format.ts';
import { host } from '../host.ts';

const NAMES = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank'];

function suggestName(clients: ClientView[]): string {
  const taken = new Set(clients.map(c => c.name));
  return NAMES.find(n => !taken.has(n)) ?? `client${clients.length + 1}`;
}

function problem(r: InputResult): string | null {
  if (!r.ok) return r.error.message;
  const outcome = r.tx && describeOutcome(r.tx);
  return outcome && !outcome.ok ? outcome.text : null;
}

/** Simulated clients: connect one by name (its identity derives from the name), disconnect it again. */
export function ClientsPanel({ clients, disabled }: { clients: ClientView[]; disabled: boolean }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const placeholder = suggestName(clients);

  const connect = async (e: FormEvent) => {
    e.preventDefault();
    const r = await host.connect(name.trim() || placeholder);
    setError(problem(r));
    if (r.ok) setName('');
  };

  const disconnect = async (client: string) => setError(problem(await host.disconnect(client)));

  return (
    <section className="panel" aria-labelledby="clients-heading">
      <h2 id="clients-heading">Clients</h2>
      <form className="row" onSubmit={connect}>
        <label className="grow">
          <span className="visually-hidden">Client name</span>
          <input value={name} placeholder={placeholder} onChange={e => setName(e.target.value)} />
        </label>
        <button type="submit" disabled={disabled}>
          Connect
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <ul className="clients" aria-label="Connected clients">
        {clients.length === 0 && <li className="empty">No clients yet. Connect one to call reducers as it.</li>}
        {clients.map(c => {
          const online = c.connections.length > 0;
          return (
            <li key={c.name}>
              <span className={online ? 'dot online' : 'dot'} aria-hidden="true" />
              <span className="client-name">{c.name}</span>
              <code title={c.identity}>{formatValue(c.identity)}</code>
              <span className="muted">{online ? `${c.connections.length} conn.` : 'offline'}</span>
              {online && (
                <button type="button" className="link" onClick={() => void disconnect(c.name)} aria-label={`Disconnect ${c.name}`}>
                  Disconnect
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
