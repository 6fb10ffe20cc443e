/**
 * Journal inputs as JSON for the project file: bigints (times, connection
 * ids) as decimal strings, reducer arguments as hex, as the history file
 * writes them. Decoding checks every field, since the file may come from
 * anyone; a bad input throws `ProjectFileError` naming its position.
 */
import type { DataBase } from '../session/carry.ts';
import type { Input } from '../session/journal.ts';
import { bytesToHex, hexToBytes } from '../history/codec.ts';

export class ProjectFileError extends Error {
  override name = 'ProjectFileError';
}

type Obj = Record<string, unknown>;

const big = (v: bigint): string => v.toString();

export function encodeInput(i: Input): Obj {
  const conn = 'connectionId' in i && i.connectionId !== undefined ? { connectionId: big(i.connectionId) } : {};
  switch (i.kind) {
    case 'publish':
      return { kind: 'publish', at: big(i.at), ...(i.base ? { base: encodeBase(i.base) } : {}) };
    case 'tick':
      return { kind: i.kind, at: big(i.at) };
    case 'connect':
    case 'disconnect':
      return { kind: i.kind, client: i.client, ...conn, at: big(i.at) };
    case 'call':
      return { kind: 'call', reducer: i.reducer, args: bytesToHex(i.args), as: i.as, ...conn, at: big(i.at) };
    case 'sql':
      return { kind: 'sql', text: i.text, as: i.as, at: big(i.at) };
  }
}

export function decodeInput(v: unknown, n: number): Input {
  const bad = (what: string): never => {
    throw new ProjectFileError(`input ${n}: ${what}`);
  };
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return bad('not an object');
  const o = v as Obj;
  const integer = (key: string): bigint => {
    const s = o[key];
    return typeof s === 'string' && /^\d{1,40}$/.test(s) ? BigInt(s) : bad(`${key} must be a decimal integer string`);
  };
  const text = (key: string): string => (typeof o[key] === 'string' ? (o[key] as string) : bad(`${key} must be a string`));
  const caller = (): string | null => (o.as === null ? null : text('as'));
  const conn = (): { connectionId?: bigint } => (o.connectionId === undefined ? {} : { connectionId: integer('connectionId') });
  const at = integer('at');
  switch (o.kind) {
    case 'publish':
      return o.base === undefined ? { kind: 'publish', at } : { kind: 'publish', at, base: decodeBase(o.base, bad) };
    case 'tick':
      return { kind: o.kind, at };
    case 'connect':
    case 'disconnect':
      return { kind: o.kind, client: text('client'), ...conn(), at };
    case 'call': {
      let args: Uint8Array;
      try {
        args = hexToBytes(text('args'));
      } catch {
        return bad('args must be hex bytes');
      }
      return { kind: 'call', reducer: text('reducer'), args, as: caller(), ...conn(), at };
    }
    case 'sql':
      return { kind: 'sql', text: text('text'), as: caller(), at };
    default:
      return bad(`unknown kind ${JSON.stringify(o.kind)?.slice(0, 40)}`);
  }
}

function encodeBase(b: DataBase): Obj {
  return {
    tables: b.tables.map(t => ({ name: t.name, rows: t.rows.map(bytesToHex) })),
    sequences: b.sequences,
    clients: b.clients.map(c => ({ name: c.name, opened: c.opened, connections: c.connections.map(big) })),
  };
}

/** A publish's carried data, every field checked. */
function decodeBase(v: unknown, bad: (what: string) => never): DataBase {
  const o = (v ?? {}) as Obj;
  const list = (x: unknown, what: string): Obj[] => (Array.isArray(x) && x.every(e => e && typeof e === 'object') ? (x as Obj[]) : bad(`base.${what} must be a list of objects`));
  const str = (x: unknown, what: string): string => (typeof x === 'string' ? x : bad(`base.${what} must be a string`));
  const int = (x: unknown, what: string): number => (Number.isSafeInteger(x) && (x as number) >= 0 ? (x as number) : bad(`base.${what} must be a whole number`));
  const hex = (x: unknown): Uint8Array => {
    try {
      return hexToBytes(str(x, 'tables[].rows[]'));
    } catch {
      return bad('base.tables[].rows[] must be hex bytes');
    }
  };
  return {
    tables: list(o.tables, 'tables').map(t => ({ name: str(t.name, 'tables[].name'), rows: (Array.isArray(t.rows) ? t.rows : bad('base.tables[].rows must be a list')).map(hex) })),
    sequences: list(o.sequences, 'sequences').map(s => ({ table: str(s.table, 'sequences[].table'), column: int(s.column, 'sequences[].column'), next: int(s.next, 'sequences[].next') })),
    clients: list(o.clients, 'clients').map(c => ({
      name: str(c.name, 'clients[].name'),
      opened: int(c.opened, 'clients[].opened'),
      connections: (Array.isArray(c.connections) ? c.connections : bad('base.clients[].connections must be a list')).map(x => BigInt(/^\d{1,40}$/.test(str(x, 'clients[].connections[]')) ? (x as string) : bad('base.clients[].connections[] must be decimal integer strings'))),
    })),
  };
}
