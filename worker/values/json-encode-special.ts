/**
 * JSON → BSATN for the special products: Identity and ConnectionId (big-endian
 * hex in, little-endian bytes out), Uuid, Timestamp and TimeDuration.
 */
import { parseBigInt } from './ints.ts';
import { parseDuration, parseTimestamp } from './time.ts';
import { ValueError, show, type SpecialKind } from './types.ts';
import type { Writer } from './writer.ts';

const IDENTITY = /^(?:0x)?([0-9a-fA-F]{64})$/;
const CONNECTION_ID = /^(?:0x)?([0-9a-fA-F]{32})$/;
const UUID = /^([0-9a-fA-F]{8})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{12})$/;
const DECIMAL = /^-?\d+$/;

function hexValue(w: Writer, v: unknown, re: RegExp, what: string): string {
  const m = typeof v === 'string' ? re.exec(v) : null;
  if (!m) w.fail(`expected ${what}, got ${show(v)}`);
  return m.slice(1).join('');
}

function i64(w: Writer, micros: bigint): void {
  const at = w.reserve(8);
  w.view.setBigInt64(at, micros, true);
}

/** Runs a parser that throws `ValueError`, re-throwing with the writer's path. */
function parse(w: Writer, f: () => bigint): bigint {
  try {
    return f();
  } catch (e) {
    if (e instanceof ValueError) w.fail(e.detail);
    throw e;
  }
}

function micros(w: Writer, v: unknown, what: string, hint: string, text: (s: string) => bigint): void {
  let n: bigint;
  if (typeof v === 'number' || (typeof v === 'string' && DECIMAL.test(v))) {
    const parsed = parseBigInt('I64', v);
    if (typeof parsed === 'string') w.fail(parsed.replace('I64', `${what} micros (I64)`));
    n = parsed;
  } else if (typeof v === 'string') {
    n = parse(w, () => text(v));
    const ok = parseBigInt('I64', n);
    if (typeof ok === 'string') w.fail(`${what} ${JSON.stringify(v)} is out of the I64 microsecond range`);
  } else {
    w.fail(`expected a ${what} (${hint}), got ${show(v)}`);
  }
  i64(w, n);
}

/** The encoder of one special product kind. */
export function encodeSpecial(kind: SpecialKind): (w: Writer, v: unknown) => void {
  switch (kind) {
    case 'Identity':
      return (w, v) => w.hexLE(hexValue(w, v, IDENTITY, 'an Identity as 0x followed by 64 hex digits'), 32);
    case 'ConnectionId':
      return (w, v) => w.hexLE(hexValue(w, v, CONNECTION_ID, 'a ConnectionId as 0x followed by 32 hex digits'), 16);
    case 'Uuid':
      return (w, v) => {
        const what = 'a UUID like "01234567-89ab-cdef-0123-456789abcdef" (or 0x followed by 32 hex digits)';
        const hex = typeof v === 'string' && UUID.test(v) ? hexValue(w, v, UUID, what) : hexValue(w, v, CONNECTION_ID, what);
        w.hexLE(hex, 16);
      };
    case 'Timestamp':
      return (w, v) => micros(w, v, 'Timestamp', 'an RFC 3339 string or integer micros since the epoch', parseTimestamp);
    case 'TimeDuration':
      return (w, v) => micros(w, v, 'TimeDuration', 'integer micros or a string like "10s"', parseDuration);
  }
}
