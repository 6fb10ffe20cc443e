import { useEffect, useState } from 'react';
import type { PastClient } from '../../worker/api.ts';
import { KANBAN_QUERIES } from '../state/samples.ts';
import { useWorkspace } from '../state/use-workspace.ts';
import { workspace } from '../state/workspace.ts';
import { timelineHost } from '../timeline/timeline-host.ts';
import { useViewing } from '../timeline/timeline-store.ts';
import { ClientCard } from './ClientCard.tsx';

const NAMES = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi'];

/** Simulated clients side by side: each a real SDK connection with its own identity, subscriptions and cache. */
export function ClientsPanel() {
  const { clients, module, forms } = useWorkspace();
  const viewing = useViewing();
  const past = usePastClients(viewing, clients.map(c => `${c.name}\n${c.queries.join('\n')}`).join('\n\n'));
  const taken = new Set(clients.map(c => c.name));
  const suggestion = NAMES.find(n => !taken.has(n)) ?? `client${clients.length + 1}`;
  const defaults = module?.tables.some(t => t.name === 'board') ? KANBAN_QUERIES : module?.tables.filter(t => t.public).map(t => `SELECT * FROM ${t.name}`) ?? [];

  // One click: the next free name; its identity derives from the name.
  const add = () => workspace.clients.add({ name: suggestion, queries: defaults, connected: true });

  return (
    <div className="clients-panel">
      <div className="panel-tools">
        <button type="button" onClick={add} disabled={!module || viewing !== null} title={`Connects a new client named ${suggestion}`}>Add client</button>
        <span className="muted">Each card is a real SpacetimeDB SDK connection: its cache holds exactly what a client app would.</span>
      </div>
      <div className="client-cards">
        {clients.length === 0 && <p className="empty">No clients yet. Add one to watch the database the way an app does.</p>}
        {clients.map(c => (
          <ClientCard key={c.name} client={c} module={module} forms={forms} clients={clients}
            past={viewing === null ? undefined : { at: viewing, client: past?.at === viewing ? (past.clients.find(p => p.name === c.name) ?? null) : null }} />
        ))}
      </div>
    </div>
  );
}

/** Each client's view at entry `at` (its current queries, evaluated as it then); refetched when a client or query changes. */
function usePastClients(at: number | null, key: string): { at: number; clients: PastClient[] } | null {
  const [past, setPast] = useState<{ at: number; clients: PastClient[] } | null>(null);
  useEffect(() => {
    if (at === null) return;
    let current = true;
    // The engine knows a tab by its identity's name: ask as that, answer under the tab's own name.
    const specs = workspace.clients.specs();
    const asked = specs.map(({ tabOf, ...spec }) => ({ ...spec, name: tabOf ?? spec.name }));
    void timelineHost.clientsAt(at, asked).then(r => current && r.ok && setPast({ at, clients: r.clients.map((c, i) => ({ ...c, name: specs[i]?.name ?? c.name })) }));
    return () => {
      current = false;
    };
  }, [at, key]);
  return past;
}
