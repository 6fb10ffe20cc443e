import {
  AlgebraicType as T, BinaryWriter, ConnectionId, Identity, ScheduleAt, TimeDuration, Timestamp, Uuid,
  type AlgebraicType,
} from 'spacetimedb';
import { describe, expect, it } from 'vitest';
import { bsatnToJson, decodeRowJson, encodeRowJson, jsonToBsatn, type Json } from './json-codec.ts';

const unit = T.Product({ elements: [] });
const option = (inner: AlgebraicType): AlgebraicType =>
  T.Sum({ variants: [{ name: 'some', algebraicType: inner }, { name: 'none', algebraicType: unit }] });
const color = T.Sum({ variants: ['Red', 'Green', 'Blue'].map(name => ({ name, algebraicType: unit })) });
const shape = T.Sum({
  variants: [
    { name: 'Circle', algebraicType: T.F64 },
    { name: 'Rect', algebraicType: T.Product({ elements: [{ name: 'w', algebraicType: T.U32 }, { name: 'h', algebraicType: T.U32 }] }) },
    { name: 'Empty', algebraicType: unit },
  ],
});
const IDENTITY_HEX = '0x0102030405060708091011121314151617181920212223242526272829303132';

/** Library serialization: the reference the codec's bytes must equal. */
function libBytes(type: AlgebraicType, value: unknown, types: AlgebraicType[] = []): Uint8Array {
  const w = new BinaryWriter(16);
  T.makeSerializer(type, { types })(w, value);
  return w.getBuffer();
}

// [label, type, library runtime value, exact CLI JSON]
const CASES: [string, AlgebraicType, unknown, Json][] = [
  ['bool', T.Bool, true, true],
  ['i8', T.I8, -128, -128],
  ['u8', T.U8, 255, 255],
  ['i16', T.I16, -32768, -32768],
  ['u16', T.U16, 65535, 65535],
  ['i32', T.I32, -2147483648, -2147483648],
  ['u32', T.U32, 4294967295, 4294967295],
  ['i64 safe', T.I64, -9007199254740991n, -9007199254740991],
  ['i64 big', T.I64, -9223372036854775808n, '-9223372036854775808'],
  ['u64 safe', T.U64, 9007199254740991n, 9007199254740991],
  ['u64 big', T.U64, 9007199254740992n, '9007199254740992'],
  ['i128', T.I128, -(2n ** 127n), '-170141183460469231731687303715884105728'],
  ['u128', T.U128, 2n ** 128n - 1n, '340282366920938463463374607431768211455'],
  ['i256 small', T.I256, -5n, -5],
  ['u256', T.U256, 2n ** 256n - 1n, (2n ** 256n - 1n).toString()],
  ['f32', T.F32, 0.5, 0.5],
  ['f32 rounded', T.F32, 0.1, Math.fround(0.1)],
  ['f64', T.F64, -1.25e-300, -1.25e-300],
  ['f64 NaN', T.F64, NaN, 'NaN'],
  ['f64 -Infinity', T.F64, -Infinity, '-Infinity'],
  ['string', T.String, 'héllo 🌍', 'héllo 🌍'],
  ['bytes', T.Array(T.U8), new Uint8Array([0, 1, 0xab, 0xff]), '0x0001abff'],
  ['empty bytes', T.Array(T.U8), new Uint8Array([]), '0x'],
  ['array', T.Array(T.I32), [1, -2, 3], [1, -2, 3]],
  ['nested array', T.Array(T.Array(T.String)), [['a'], []], [['a'], []]],
  ['identity', Identity.getAlgebraicType(), new Identity(IDENTITY_HEX), IDENTITY_HEX],
  ['connection id', ConnectionId.getAlgebraicType(), new ConnectionId(0x0102030405060708090a0b0c0d0e0f10n), '0x0102030405060708090a0b0c0d0e0f10'],
  ['uuid', Uuid.getAlgebraicType(), Uuid.parse('0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b'), '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b'],
  ['timestamp', Timestamp.getAlgebraicType(), new Timestamp(1735689610000000n), '2025-01-01T00:00:10.000000Z'],
  ['timestamp micros', Timestamp.getAlgebraicType(), new Timestamp(1735689610123456n), '2025-01-01T00:00:10.123456Z'],
  ['timestamp pre-epoch', Timestamp.getAlgebraicType(), new Timestamp(-1n), '1969-12-31T23:59:59.999999Z'],
  ['duration', TimeDuration.getAlgebraicType(), new TimeDuration(10_000_000n), 10000000],
  ['option some', option(T.String), 'x', 'x'],
  ['option none', option(T.String), undefined, null],
  ['schedule interval', ScheduleAt.getAlgebraicType(), ScheduleAt.interval(250_000n), { Interval: 250000 }],
  ['schedule time', ScheduleAt.getAlgebraicType(), ScheduleAt.time(0n), { Time: '1970-01-01T00:00:00.000000Z' }],
  ['result ok', T.Sum({ variants: [{ name: 'ok', algebraicType: T.U8 }, { name: 'err', algebraicType: T.U8 }] }), { ok: 7 }, { ok: 7 }],
  ['simple enum', color, { tag: 'Green', value: {} }, { Green: {} }],
  ['sum payload', shape, { tag: 'Rect', value: { w: 2, h: 3 } }, { Rect: { w: 2, h: 3 } }],
  ['sum unit', shape, { tag: 'Empty', value: {} }, { Empty: {} }],
  ['unit', unit, {}, {}],
  [
    'product',
    T.Product({ elements: [{ name: 'id', algebraicType: T.U64 }, { name: 'tags', algebraicType: T.Array(option(T.I16)) }] }),
    { id: 1n, tags: [5, undefined] },
    { id: 1, tags: [5, null] },
  ],
];

describe('bsatn ⇄ json', () => {
  it.each(CASES)('%s: exact output, library-identical bytes, round trip', (_label, type, lib, json) => {
    const bytes = jsonToBsatn(type, [], json);
    expect(bytes).toEqual(libBytes(type, lib));
    const { value, end } = bsatnToJson(type, [], bytes);
    expect(value).toEqual(json);
    expect(end).toBe(bytes.length);
    expect(JSON.stringify(value)).toBe(JSON.stringify(json));
  });

  it('renders Identity big-endian while BSATN is little-endian, like the library', () => {
    const id = new Identity(IDENTITY_HEX);
    const bytes = jsonToBsatn(Identity.getAlgebraicType(), [], IDENTITY_HEX);
    expect(bytes[0]).toBe(0x32);
    expect(bytes[31]).toBe(0x01);
    expect(bsatnToJson(Identity.getAlgebraicType(), [], bytes).value).toBe(`0x${id.toHexString()}`);
    const cid = ConnectionId.random();
    expect(bsatnToJson(ConnectionId.getAlgebraicType(), [], libBytes(ConnectionId.getAlgebraicType(), cid)).value)
      .toBe(`0x${cid.toHexString()}`);
  });

  it('matches the library for timestamps it can format', () => {
    for (const micros of [0n, 1n, 1735689610123456n, 253402300799999999n]) {
      const bytes = libBytes(Timestamp.getAlgebraicType(), new Timestamp(micros));
      expect(bsatnToJson(Timestamp.getAlgebraicType(), [], bytes).value).toBe(new Timestamp(micros).toISOString());
    }
  });

  it('decodes at an offset and reports the end', () => {
    const bytes = new Uint8Array([9, 9, 2, 0, 0, 0, 104, 105, 7]);
    expect(bsatnToJson(T.String, [], bytes, 2)).toEqual({ value: 'hi', end: 8 });
  });

  it('accepts the alternative inputs', () => {
    const same = (type: AlgebraicType, a: unknown, b: Json): void =>
      expect(jsonToBsatn(type, [], a)).toEqual(jsonToBsatn(type, [], b));
    same(T.U64, '42', 42);
    same(T.U8, 200, '200');
    same(T.F64, 'Infinity', Infinity as unknown as Json);
    same(T.Array(T.U8), [222, 173], '0xdead');
    same(T.Array(T.U8), '0xDEAD', '0xdead');
    same(Identity.getAlgebraicType(), IDENTITY_HEX.slice(2).toUpperCase(), IDENTITY_HEX);
    same(Uuid.getAlgebraicType(), '0x0190a1b2c3d47e5f8a9b0c1d2e3f4a5b', '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b');
    same(Timestamp.getAlgebraicType(), '2025-01-01T01:00:10+01:00', '2025-01-01T00:00:10.000000Z');
    same(Timestamp.getAlgebraicType(), 1735689610000000, '2025-01-01T00:00:10Z');
    same(Timestamp.getAlgebraicType(), '1735689610000000', '2025-01-01T00:00:10.0Z');
    same(TimeDuration.getAlgebraicType(), '10s', 10_000_000);
    same(TimeDuration.getAlgebraicType(), '1.5h', '5400000000');
    same(ScheduleAt.getAlgebraicType(), { Interval: '250ms' }, { Interval: 250000 });
    same(color, 'Blue', { Blue: {} });
    same(color, { Blue: null }, { Blue: {} });
    same(shape, 'Empty', { Empty: {} });
    same(unit, null, {});
    const pair = T.Product({ elements: [{ name: 'a', algebraicType: T.U8 }, { name: 'b', algebraicType: T.String }] });
    same(pair, [1, 'x'], { a: 1, b: 'x' });
    same(pair, { b: 'x', a: 1 }, { a: 1, b: 'x' });
  });

  it('keys unnamed elements and variants by index', () => {
    const tuple = T.Product({ elements: [{ name: undefined, algebraicType: T.U8 }, { name: undefined, algebraicType: T.Bool }] });
    const bytes = jsonToBsatn(tuple, [], { 0: 3, 1: true });
    expect(bytes).toEqual(new Uint8Array([3, 1]));
    expect(bsatnToJson(tuple, [], bytes).value).toEqual({ 0: 3, 1: true });
  });

  it('resolves refs, including recursive types', () => {
    // 0: List = { head: i32, tail: Option<&0> }
    const typespace: AlgebraicType[] = [
      T.Product({ elements: [{ name: 'head', algebraicType: T.I32 }, { name: 'tail', algebraicType: option(T.Ref(0)) }] }),
    ];
    const list = { head: 1, tail: { head: 2, tail: null } };
    const bytes = jsonToBsatn(T.Ref(0), typespace, list);
    const lib = libBytes(T.Ref(0), { head: 1, tail: { head: 2, tail: undefined } }, typespace);
    expect(bytes).toEqual(lib);
    expect(bsatnToJson(T.Ref(0), typespace, bytes).value).toEqual(list);
  });

  it('decodes and encodes whole rows from a ProductType', () => {
    const rowType = { elements: [{ name: 'id', algebraicType: T.U32 }, { name: 'owner', algebraicType: Identity.getAlgebraicType() }] };
    const row = { id: 7, owner: IDENTITY_HEX };
    const bytes = encodeRowJson(rowType, [], row);
    expect(decodeRowJson(rowType, [], bytes)).toEqual(row);
    expect(Object.keys(decodeRowJson(rowType, [], bytes))).toEqual(['id', 'owner']);
  });

  it('is deterministic and caches compiled codecs per type', () => {
    const type = T.Product({ elements: [{ name: 'b', algebraicType: T.U8 }, { name: 'a', algebraicType: T.String }] });
    const bytes = jsonToBsatn(type, [], { a: 'x', b: 1 });
    const outputs = new Set(Array.from({ length: 5 }, () => JSON.stringify(bsatnToJson(type, [], bytes).value)));
    expect([...outputs]).toEqual(['{"b":1,"a":"x"}']);
  });

  it('grows the output buffer for large values', () => {
    const text = 'x'.repeat(100_000);
    const bytes = jsonToBsatn(T.Array(T.String), [], [text, text]);
    expect(bytes.length).toBe(4 + 2 * (4 + 100_000));
    expect(bsatnToJson(T.Array(T.String), [], bytes).value).toEqual([text, text]);
  });
});
