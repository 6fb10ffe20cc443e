import { useId } from 'react';
import type { ClientState } from '../clients/sim-clients.ts';

export const OWNER = '';

/** The identity a call or query runs as: the database owner, or a connected client. */
export function CallerSelect({ label, value, onChange, clients }: { label: string; value: string; onChange(v: string): void; clients: ClientState[] }) {
  const id = useId();
  const online = clients.filter(c => c.status === 'online');
  const current = value === OWNER || online.some(c => c.name === value) ? value : OWNER;
  return (
    <span className="caller">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={current} onChange={e => onChange(e.target.value)}>
        <option value={OWNER}>owner</option>
        {online.map(c => (
          <option key={c.name} value={c.name}>
            {c.name}
          </option>
        ))}
      </select>
    </span>
  );
}

/** `null` for the owner, the client's name otherwise (falling back to the owner when it went offline). */
export function callerOf(value: string, clients: ClientState[]): string | null {
  return value !== OWNER && clients.some(c => c.name === value && c.status === 'online') ? value : null;
}
