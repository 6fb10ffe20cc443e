/**
 * From a recorded history back to the session inputs that made it, so a
 * timeline (a fork, another branch, a stored one whose journal fell behind)
 * can become the live session again by replaying them. Client names come
 * from the history itself: a connect carries its JWT, whose `sub` is the
 * simulated client's name, and later entries name their connection.
 *
 * Consequences are not inputs: cleanups and immediates run again after
 * their cause, and one `tick` at a scheduled run's time fires every run due
 * then (the live session's schedule runs all carry the tick's time).
 */
import { toHex } from '../engine/identity.ts';
import { INPUT_KINDS, type LogEntry } from '../history/entry.ts';
import type { Input } from './journal.ts';

/** `sub` of a connect's JWT payload: the simulated client's name. */
export function subjectOf(jwtPayload: string | undefined): string | undefined {
  try {
    const claims = JSON.parse(jwtPayload ?? '{}') as { sub?: unknown };
    return typeof claims.sub === 'string' ? claims.sub : undefined;
  } catch {
    return undefined;
  }
}

/** Who made each entry, readable: owner, database, a client's name, or a short identity. */
export function createCallerNames(owner: bigint, database: bigint) {
  const byIdentity = new Map<bigint, string>();
  return {
    /** Learns names from an entry (call in position order). */
    see(e: LogEntry): void {
      const name = e.kind === 'connect' ? subjectOf(e.jwtPayload) : undefined;
      if (name !== undefined) byIdentity.set(e.sender, name);
    },
    nameOf(identity: bigint): string {
      if (identity === owner) return 'owner';
      if (identity === database) return 'database';
      return byIdentity.get(identity) ?? toHex(identity, 32).slice(0, 12) + '…';
    },
  };
}

/**
 * The inputs that re-create `entries` in a session of the same module,
 * from position `from` on (earlier entries still teach client names).
 * Throws when an entry names a connection no connect opened.
 */
export function entriesToInputs(entries: readonly LogEntry[], owner: bigint, from = 0): Input[] {
  const clientOf = new Map<bigint, string>();
  const inputs: Input[] = [];
  let tickAt: bigint | undefined;
  const client = (e: LogEntry): string => {
    const name = clientOf.get(e.connectionId);
    if (name === undefined) throw new Error(`entry ${e.position} (${e.kind}) comes from a connection no recorded connect opened`);
    return name;
  };
  for (const e of entries) {
    const keep = e.position >= from;
    if (INPUT_KINDS.has(e.kind)) tickAt = undefined;
    const at = e.timestamp;
    switch (e.kind) {
      case 'publish':
        if (keep) inputs.push({ kind: 'publish', at });
        break;
      case 'connect': {
        const name = subjectOf(e.jwtPayload);
        if (name === undefined) throw new Error(`entry ${e.position}: a connect without a client name`);
        clientOf.set(e.connectionId, name);
        if (keep) inputs.push({ kind: 'connect', client: name, connectionId: e.connectionId, at });
        break;
      }
      case 'disconnect':
        if (keep) inputs.push({ kind: 'disconnect', client: client(e), connectionId: e.connectionId, at });
        break;
      case 'reducer': {
        if (!keep) break;
        const args = e.args ?? new Uint8Array(0);
        const reducer = e.reducer ?? '';
        if (e.sender === owner && e.connectionId === 0n) inputs.push({ kind: 'call', reducer, args, as: null, at });
        else inputs.push({ kind: 'call', reducer, args, as: client(e), connectionId: e.connectionId, at });
        break;
      }
      case 'sql':
        // Only the owner writes through SQL.
        if (keep) inputs.push({ kind: 'sql', text: e.sql ?? '', as: null, at });
        break;
      case 'scheduled':
        if (keep && tickAt !== at) inputs.push({ kind: 'tick', at });
        tickAt = at;
        break;
      default:
        break;
    }
  }
  return inputs;
}
