/**
 * BSATN → JSON decoders of the scalar types and the special products
 * (Identity/ConnectionId as big-endian hex, Uuid, Timestamp, TimeDuration).
 */
import { INT_BITS, bigToJson, floatToJson, readWide, type IntTag } from './ints.ts';
import { formatTimestamp } from './time.ts';
import { HEX, ValueError, type Json, type SpecialKind } from './types.ts';

/** Read position over the input; bounds overruns surface as `RangeError`. */
export type Reader = { view: DataView; bytes: Uint8Array; pos: number };
export type Dec = (r: Reader) => Json;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Hex of `n` bytes at `pos`, most significant (last) byte first. */
function hexBE(r: Reader, n: number): string {
  if (r.pos + n > r.bytes.length) throw new RangeError('eof');
  let s = '';
  for (let i = r.pos + n - 1; i >= r.pos; i--) s += HEX[r.bytes[i]!];
  r.pos += n;
  return s;
}

/** Integers: numbers up to 2^53-1 in magnitude, decimal strings beyond. */
export function intDecoder(tag: IntTag): Dec {
  switch (tag) {
    case 'I8': return r => r.view.getInt8(r.pos++);
    case 'U8': return r => r.view.getUint8(r.pos++);
    case 'I16': return r => { const v = r.view.getInt16(r.pos, true); r.pos += 2; return v; };
    case 'U16': return r => { const v = r.view.getUint16(r.pos, true); r.pos += 2; return v; };
    case 'I32': return r => { const v = r.view.getInt32(r.pos, true); r.pos += 4; return v; };
    case 'U32': return r => { const v = r.view.getUint32(r.pos, true); r.pos += 4; return v; };
    case 'I64': return r => { const v = r.view.getBigInt64(r.pos, true); r.pos += 8; return bigToJson(v); };
    case 'U64': return r => { const v = r.view.getBigUint64(r.pos, true); r.pos += 8; return bigToJson(v); };
    default: {
      const bits = INT_BITS[tag];
      const signed = tag.startsWith('I');
      return r => { const v = readWide(r.view, r.pos, bits, signed); r.pos += bits / 8; return bigToJson(v); };
    }
  }
}

/** Bool, floats and strings (strict: bool bytes 0/1 only, valid UTF-8 only). */
export function scalarDecoder(tag: 'Bool' | 'F32' | 'F64' | 'String'): Dec {
  switch (tag) {
    case 'Bool': return r => {
      const b = r.view.getUint8(r.pos);
      if (b > 1) throw new ValueError(`invalid bool byte ${b} at offset ${r.pos}`);
      r.pos++;
      return b === 1;
    };
    case 'F32': return r => { const v = r.view.getFloat32(r.pos, true); r.pos += 4; return floatToJson(v); };
    case 'F64': return r => { const v = r.view.getFloat64(r.pos, true); r.pos += 8; return floatToJson(v); };
    case 'String': return r => {
      const n = r.view.getUint32(r.pos, true);
      const start = r.pos + 4;
      if (start + n > r.bytes.length) throw new RangeError('eof');
      r.pos = start + n;
      try {
        return utf8.decode(r.bytes.subarray(start, start + n));
      } catch {
        throw new ValueError(`invalid UTF-8 in string at offset ${start}`);
      }
    };
  }
}

/** Identity/ConnectionId: LE bytes → "0x" + big-endian hex; Uuid 8-4-4-4-12; Timestamp RFC 3339. */
export function specialDecoder(kind: SpecialKind): Dec {
  switch (kind) {
    case 'Identity': return r => '0x' + hexBE(r, 32);
    case 'ConnectionId': return r => '0x' + hexBE(r, 16);
    case 'Uuid': return r => {
      const h = hexBE(r, 16);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    };
    case 'Timestamp': return r => { const v = r.view.getBigInt64(r.pos, true); r.pos += 8; return formatTimestamp(v); };
    case 'TimeDuration': return intDecoder('I64');
  }
}
