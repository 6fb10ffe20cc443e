/**
 * Literal text → a value of the column's type, as upstream's `parse(value, ty)`
 * (crates/expr/src/lib.rs) does it: by the expected type, not by the token.
 * Values come out in the `spacetimedb` library's runtime shapes (number for
 * ints up to 32 bits, bigint above, `{ __identity__: bigint }`, Uint8Array...),
 * so the library's serializers can write them.
 */
import type { AlgebraicType } from 'spacetimedb';
import { INT_BITS, intRange, type IntTag } from '../values/ints.ts';
import { parseTimestamp } from '../values/time.ts';
import { resolveType } from '../values/types.ts';
import { formatSats } from './sats-format.ts';
import { isBytes, isIntTag, special, type Typespace } from './sats.ts';

/** Why a literal does not fit; upstream reports it as `InvalidLiteral` and keeps this as the cause. */
export class LiteralError extends Error {}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** BigDecimal parsing reduced to what `parse_int` needs: the exact integer, or why not. */
function parseInteger(text: string, tag: IntTag): bigint {
  const m = DECIMAL.exec(text);
  const [, sign = '', whole = '', frac = '', exp = '0'] = m ?? [];
  if (!m || (whole === '' && frac === '')) throw new LiteralError(`${text} is not an integer`);
  const digits = (whole + frac).replace(/^0+/, '');
  const scale = frac.length - Number(exp);
  const outOfBounds = new LiteralError(`${text} is out of bounds for type ${tag}`);
  let value: bigint;
  if (digits === '') value = 0n;
  else if (scale <= 0) {
    if (digits.length - scale > 80) throw outOfBounds;
    value = BigInt(digits) * 10n ** BigInt(-scale);
  } else {
    const cut = digits.length - scale;
    if (!/^0*$/.test(digits.slice(Math.max(cut, 0)))) throw new LiteralError(`${text} is not an integer`);
    value = cut > 0 ? BigInt(digits.slice(0, cut)) : 0n;
  }
  if (sign === '-') value = -value;
  const [lo, hi] = intRange(tag);
  if (value < lo || value > hi) throw outOfBounds;
  return value;
}

function parseFloat(text: string, tag: 'F32' | 'F64'): number {
  const m = DECIMAL.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new LiteralError(`${text} is not a valid ${tag}`);
  const v = Number(text.endsWith('.') ? text.slice(0, -1) : text);
  return tag === 'F32' ? Math.fround(v) : v;
}

/** `from_hex_pad`: optional `0x`, odd lengths padded with a leading zero. */
export function hexToBytes(text: string): Uint8Array {
  let hex = text.startsWith('0x') ? text.slice(2) : text;
  if (!/^[0-9a-fA-F]*$/.test(hex)) throw new LiteralError('Could not parse hex value');
  if (hex.length % 2) hex = '0' + hex;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** `Identity::from_hex` / `ConnectionId::from_hex`: exactly `digits` hex digits, big-endian, no prefix. */
function fixedHex(text: string, digits: number, what: string): bigint {
  if (text.length !== digits || !/^[0-9a-fA-F]+$/.test(text)) throw new LiteralError(`Could not parse ${what}`);
  return BigInt('0x' + text);
}

/** `Uuid::parse_str`: hyphenated, simple, braced or urn form. */
function parseUuid(text: string): bigint {
  const body = text.replace(/^urn:uuid:/i, '').replace(/^\{(.*)\}$/, '$1');
  const m = /^([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})$/i.exec(body);
  if (!m || (body.includes('-') && body.length !== 36)) throw new LiteralError('Could not parse uuid');
  return BigInt('0x' + m.slice(1).join(''));
}

/** chrono's `parse_from_rfc3339`, which accepts nanoseconds; Timestamps keep micros. */
function parseRfc3339(text: string): bigint {
  try {
    return parseTimestamp(text.replace(/(\.\d{6})\d+/, '$1'));
  } catch {
    throw new LiteralError('Could not parse timestamp');
  }
}

export function parseLiteral(text: string, type: AlgebraicType, ts: Typespace): unknown {
  const ty = resolveType(type, ts);
  if (isIntTag(ty.tag)) {
    const v = parseInteger(text, ty.tag as IntTag);
    return INT_BITS[ty.tag as IntTag] <= 32 ? Number(v) : v;
  }
  if (ty.tag === 'F32' || ty.tag === 'F64') return parseFloat(text, ty.tag);
  if (ty.tag === 'String') return text;
  switch (special(ty, ts)) {
    case 'Timestamp': return { __timestamp_micros_since_unix_epoch__: parseRfc3339(text) };
    case 'Identity': return { __identity__: fixedHex(text, 64, 'identity') };
    case 'ConnectionId': return { __connection_id__: fixedHex(text, 32, 'connection id') };
    case 'Uuid': return { __uuid__: parseUuid(text) };
    default:
      if (isBytes(ty, ts)) return hexToBytes(text);
      throw new LiteralError(`Literal values for type ${formatSats(ty, ts)} are not supported`);
  }
}
