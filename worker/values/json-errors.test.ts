import { AlgebraicType as T, ConnectionId, Identity, TimeDuration, Timestamp, Uuid, type AlgebraicType } from 'spacetimedb';
import { describe, expect, it } from 'vitest';
import { bsatnToJson, decodeRowJson, jsonToBsatn, ValueError } from './json-codec.ts';

const unit = T.Product({ elements: [] });
const option = (inner: AlgebraicType): AlgebraicType =>
  T.Sum({ variants: [{ name: 'some', algebraicType: inner }, { name: 'none', algebraicType: unit }] });
const color = T.Sum({ variants: ['Red', 'Green'].map(name => ({ name, algebraicType: unit })) });
const shape = T.Sum({ variants: [{ name: 'Circle', algebraicType: T.F64 }, { name: 'Empty', algebraicType: unit }] });
const args = T.Product({
  elements: [
    { name: 'text', algebraicType: T.String },
    { name: 'owner', algebraicType: Identity.getAlgebraicType() },
    { name: 'items', algebraicType: T.Array(T.Product({ elements: [{ name: 'qty', algebraicType: T.U8 }] })) },
    { name: 'note', algebraicType: option(T.String) },
  ],
});
const good = { text: 'hi', owner: `0x${'ab'.repeat(32)}`, items: [{ qty: 1 }], note: null };

function message(type: AlgebraicType, json: unknown, root = ''): string {
  try {
    jsonToBsatn(type, [], json, root);
  } catch (e) {
    expect(e).toBeInstanceOf(ValueError);
    return (e as Error).message;
  }
  throw new Error('expected a ValueError');
}

describe('jsonToBsatn errors', () => {
  it('qualifies messages with the path of the bad value', () => {
    expect(jsonToBsatn(args, [], good).length).toBeGreaterThan(0);
    expect(message(args, { ...good, text: 42 }, 'args')).toBe('args.text: expected a string, got 42');
    expect(message(args, { ...good, owner: '0x12' })).toBe(
      'owner: expected an Identity as 0x followed by 64 hex digits, got "0x12"',
    );
    expect(message(args, { ...good, items: [{ qty: 1 }, { qty: 300 }] }, 'args')).toBe(
      'args.items[1].qty: expected U8 (0..255), got 300',
    );
    let e: unknown;
    try {
      jsonToBsatn(args, [], { ...good, note: 5 }, 'args');
    } catch (x) {
      e = x;
    }
    expect(e).toMatchObject({ name: 'ValueError', path: 'args.note', detail: 'expected a string, got 5' });
  });

  it('reports missing and extra fields', () => {
    const { text: _omit, ...noText } = good;
    expect(message(args, noText, 'args')).toBe('args: missing field "text"');
    expect(message(args, { ...good, colour: 1 }, 'args')).toBe(
      'args: unknown field "colour" (expected text, owner, items, note)',
    );
    const { text, ...rest } = good;
    expect(message(args, { ...rest, txet: text }, 'args')).toBe(
      'args: unknown field "txet" (expected text, owner, items, note)',
    );
    expect(message(args, 'hi')).toBe('expected an object with fields text, owner, items, note, got "hi"');
    expect(message(args, [1, 2])).toBe('expected an array of 4 elements (text, owner, items, note), got 2');
  });

  it('checks integer types and ranges', () => {
    expect(message(T.U8, 300)).toBe('expected U8 (0..255), got 300');
    expect(message(T.I8, -129)).toBe('expected I8 (-128..127), got -129');
    expect(message(T.U32, 1.5)).toBe('expected U32 (0..4294967295), got 1.5');
    expect(message(T.U16, 'abc')).toBe('expected U16 (0..65535), got "abc"');
    expect(message(T.U64, -1)).toBe('expected U64 (0..2^64-1), got -1');
    expect(message(T.I64, '9223372036854775808')).toBe('expected I64 (-2^63..2^63-1), got "9223372036854775808"');
    expect(message(T.U256, (2n ** 256n).toString())).toMatch(/^expected U256 \(0\.\.2\^256-1\), got "1157/);
    expect(message(T.U64, 2 ** 60)).toMatch(/lose precision, pass a decimal string$/);
    expect(message(T.I32, true)).toBe('expected I32 (-2147483648..2147483647), got true');
  });

  it('checks the other scalars', () => {
    expect(message(T.Bool, 'true')).toBe('expected a boolean, got "true"');
    expect(message(T.F64, 'fast')).toBe('expected F64 (a number, "NaN", "Infinity" or "-Infinity"), got "fast"');
    expect(message(T.Array(T.U8), '0xabc')).toBe('expected bytes as 0x followed by an even number of hex digits, got "0xabc"');
    expect(message(T.Array(T.U8), [1, 256])).toBe('[1]: expected U8 (0..255), got 256');
    expect(message(T.Array(T.I32), { a: 1 })).toBe('expected an array, got {"a":1}');
    expect(message(ConnectionId.getAlgebraicType(), `0x${'0'.repeat(30)}`)).toBe(
      `expected a ConnectionId as 0x followed by 32 hex digits, got "0x${'0'.repeat(30)}"`,
    );
    expect(message(Uuid.getAlgebraicType(), 'not-a-uuid')).toMatch(/^expected a UUID like/);
    expect(message(Timestamp.getAlgebraicType(), '2025-13-01T00:00:00Z')).toMatch(/^expected an RFC 3339 timestamp .*\(field out of range\)/);
    expect(message(Timestamp.getAlgebraicType(), '2025-01-01T00:00:00.1234567Z')).toMatch(/at most microsecond precision/);
    expect(message(Timestamp.getAlgebraicType(), true)).toBe(
      'expected a Timestamp (an RFC 3339 string or integer micros since the epoch), got true',
    );
    expect(message(TimeDuration.getAlgebraicType(), '10 parsecs')).toMatch(/^expected a duration .*\(unknown unit "parsecs"\)/);
    expect(message(T.Array(TimeDuration.getAlgebraicType()), ['1s', '1.5us'], 'steps')).toMatch(/^steps\[1\]: .*finer than a microsecond/);
  });

  it('checks sums', () => {
    expect(message(color, 'Purple')).toBe('unknown variant "Purple" (expected Red, Green)');
    expect(message(color, { Purple: {} })).toBe('unknown variant "Purple" (expected Red, Green)');
    expect(message(color, 3)).toBe('expected one of "Red", "Green", got 3');
    expect(message(shape, 'Circle')).toBe('variant "Circle" needs a value: write {"Circle": ...}');
    expect(message(shape, { Circle: 1, Empty: {} })).toBe(
      'expected an object with one variant key (Circle, Empty), got {"Circle":1,"Empty":{}}',
    );
    expect(message(shape, { Circle: 'big' }, 'shape')).toMatch(/^shape\.Circle: expected F64/);
    expect(message(shape, { Empty: 1 })).toBe('Empty: expected an object with fields (none), got 1');
  });
});

describe('bsatnToJson errors', () => {
  it('rejects truncated input, bad tags, bad bools and trailing bytes', () => {
    expect(() => bsatnToJson(T.U64, [], new Uint8Array(7))).toThrow(ValueError);
    expect(() => bsatnToJson(T.String, [], new Uint8Array([5, 0, 0, 0, 104]))).toThrow(/BSATN ended early/);
    expect(() => bsatnToJson(T.Array(T.U32), [], new Uint8Array([255, 255, 255, 255]))).toThrow(/BSATN ended early/);
    expect(() => bsatnToJson(color, [], new Uint8Array([2]))).toThrow('invalid sum tag 2 at offset 0 (2 variants)');
    expect(() => bsatnToJson(T.Bool, [], new Uint8Array([2]))).toThrow('invalid bool byte 2 at offset 0');
    expect(() => bsatnToJson(T.String, [], new Uint8Array([1, 0, 0, 0, 0xff]))).toThrow(/invalid UTF-8/);
    const row = { elements: [{ name: 'a', algebraicType: T.U8 }] };
    expect(() => decodeRowJson(row, [], new Uint8Array([1, 2]))).toThrow('1 trailing bytes after the row');
  });

  it('rejects bad typespace references', () => {
    expect(() => jsonToBsatn(T.Ref(3), [], 1)).toThrow('type reference &3 is not in the typespace');
  });
});
