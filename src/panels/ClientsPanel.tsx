import { KANBAN_QUERIES } from '../state/samples.ts';
import { useWorkspace } from '../state/use-workspace.ts';
import { workspace } from '../state/workspace.ts';
import { ClientCard } from './ClientCard.tsx';

const NAMES = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi'];

/** Simulated clients side by side: each a real SDK connection with its own identity, subscriptions and cache. */
export function ClientsPanel() {
  const { clients, module } = useWorkspace();
  const taken = new Set(clients.map(c => c.name));
  const suggestion = NAMES.find(n => !taken.has(n)) ?? `client${clients.length + 1}`;
  const defaults = module?.tables.some(t => t.name === 'board') ? KANBAN_QUERIES : module?.tables.filter(t => t.public).map(t => `SELECT * FROM ${t.name}`) ?? [];

  // One click: the next free name; its identity derives from the name.
  const add = () => workspace.clients.add({ name: suggestion, queries: defaults, connected: true });

  return (
    <div className="clients-panel">
      <div className="panel-tools">
        <button type="button" onClick={add} disabled={!module} title={`Connects a new client named ${suggestion}`}>Add client</button>
        <span className="muted">Each card is a real SpacetimeDB SDK connection: its cache holds exactly what a client app would.</span>
      </div>
      <div className="client-cards">
        {clients.length === 0 && <p className="empty">No clients yet. Add one to watch the database the way an app does.</p>}
        {clients.map(c => <ClientCard key={c.name} client={c} module={module} />)}
      </div>
    </div>
  );
}
