import {
  AlgebraicType as T, ConnectionId, Identity, ScheduleAt, TimeDuration, Timestamp, Uuid, type AlgebraicType,
} from 'spacetimedb';
import { describe, expect, it } from 'vitest';
import { formatType } from './json-codec.ts';
import { jsonToLibValue, libValueToJson } from './lib-values.ts';

const unit = T.Product({ elements: [] });
const option = (inner: AlgebraicType): AlgebraicType =>
  T.Sum({ variants: [{ name: 'some', algebraicType: inner }, { name: 'none', algebraicType: unit }] });

describe('formatType', () => {
  it.each([
    [T.U32, 'u32'],
    [T.I256, 'i256'],
    [T.F64, 'f64'],
    [T.Bool, 'bool'],
    [T.String, 'string'],
    [T.Array(T.U8), 'Array<u8>'],
    [T.Array(T.Array(T.String)), 'Array<Array<string>>'],
    [Identity.getAlgebraicType(), 'Identity'],
    [ConnectionId.getAlgebraicType(), 'ConnectionId'],
    [Timestamp.getAlgebraicType(), 'Timestamp'],
    [TimeDuration.getAlgebraicType(), 'TimeDuration'],
    [Uuid.getAlgebraicType(), 'Uuid'],
    [ScheduleAt.getAlgebraicType(), 'ScheduleAt'],
    [option(T.String), 'Option<string>'],
    [T.Sum({ variants: [{ name: 'ok', algebraicType: T.U8 }, { name: 'err', algebraicType: T.String }] }), 'Result<u8, string>'],
    [unit, '()'],
    [T.Product({ elements: [{ name: 'a', algebraicType: T.U32 }, { name: 'b', algebraicType: T.String }] }), '{ a: u32, b: string }'],
    [T.Product({ elements: [{ name: undefined, algebraicType: T.U8 }, { name: undefined, algebraicType: T.Bool }] }), '(u8, bool)'],
    [
      T.Sum({ variants: [{ name: 'Red', algebraicType: unit }, { name: 'Green', algebraicType: T.U8 }] }),
      'Red | Green(u8)',
    ],
  ])('%j → %s', (type, name) => {
    expect(formatType(type, [])).toBe(name);
  });

  it('names refs when known, inlines them otherwise, and stops at recursion', () => {
    const typespace: AlgebraicType[] = [
      T.Product({ elements: [{ name: 'x', algebraicType: T.I32 }] }),
      T.Product({ elements: [{ name: 'next', algebraicType: option(T.Ref(1)) }] }),
    ];
    expect(formatType(T.Array(T.Ref(0)), typespace, new Map([[0, 'Point']]))).toBe('Array<Point>');
    expect(formatType(T.Array(T.Ref(0)), typespace)).toBe('Array<{ x: i32 }>');
    expect(formatType(T.Ref(1), typespace)).toBe('{ next: Option<&1> }');
    expect(formatType(T.Ref(1), typespace, new Map([[1, 'Node']]))).toBe('Node');
    expect(formatType(T.Ref(9), typespace)).toBe('&9');
  });
});

describe('library runtime values', () => {
  it('converts to and from the library representation', () => {
    const type = T.Product({
      elements: [
        { name: 'id', algebraicType: T.U64 },
        { name: 'owner', algebraicType: Identity.getAlgebraicType() },
        { name: 'at', algebraicType: Timestamp.getAlgebraicType() },
        { name: 'note', algebraicType: option(T.String) },
        { name: 'when', algebraicType: ScheduleAt.getAlgebraicType() },
      ],
    });
    const json = {
      id: '18446744073709551615',
      owner: `0x${'0'.repeat(63)}1`,
      at: '2025-01-01T00:00:10.000000Z',
      note: null,
      when: { Interval: 1000000 },
    };
    const lib = jsonToLibValue(type, [], json) as Record<string, unknown>;
    expect(lib.id).toBe(2n ** 64n - 1n);
    expect(lib.owner).toBeInstanceOf(Identity);
    expect((lib.owner as Identity).isEqual(new Identity(1n))).toBe(true);
    expect((lib.at as Timestamp).microsSinceUnixEpoch).toBe(1735689610000000n);
    expect(lib.note).toBeUndefined();
    expect(libValueToJson(type, [], lib)).toEqual(json);
  });
});
