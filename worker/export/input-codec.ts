/**
 * Journal inputs as JSON for the project file: bigints (times, connection
 * ids) as decimal strings, reducer arguments as hex, as the history file
 * writes them. Decoding checks every field, since the file may come from
 * anyone; a bad input throws `ProjectFileError` naming its position.
 */
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
