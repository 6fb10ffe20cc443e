/** Reducer form JSON → the values and keys `conn.reducers.x({...})` expects. */
import { Identity, Timestamp } from 'spacetimedb';
import { describe, expect, it } from 'vitest';
import type { FieldType } from '../../worker/api.ts';
import { ArgsError, camelCase, sdkParams, sdkValue } from './sdk-args.ts';

const HEX = 'c2'.padEnd(64, '0');
const resolve = (name: string) => (name === 'alice' ? HEX : null);

describe('sdk reducer args', () => {
  it('camel-cases param names as the generated bindings do', () => {
    expect(camelCase('board_id')).toBe('boardId');
    expect(camelCase('title')).toBe('title');
    expect(sdkParams([{ name: 'board_id', type: { kind: 'int', name: 'u64' } }, { name: 'title', type: { kind: 'string' } }], { board_id: 3, title: 'x' }, resolve))
      .toEqual({ boardId: 3n, title: 'x' });
  });

  it('makes bigints of wide ints only', () => {
    expect(sdkValue({ kind: 'int', name: 'u32' }, '7', 'n', resolve)).toBe(7);
    expect(sdkValue({ kind: 'int', name: 'i128' }, '-170141183460469231731687303715884105728', 'n', resolve)).toBe(-170141183460469231731687303715884105728n);
  });

  it('resolves @client to that client’s identity and rejects an unknown one', () => {
    const id = sdkValue({ kind: 'identity' }, '@alice', 'who', resolve) as Identity;
    expect(id).toBeInstanceOf(Identity);
    expect(id.toHexString()).toBe(HEX);
    expect(() => sdkValue({ kind: 'identity' }, '@zoe', 'who', resolve)).toThrow(ArgsError);
  });

  it('turns options, enums and timestamps into SDK shapes', () => {
    expect(sdkValue({ kind: 'option', inner: { kind: 'string' } }, null, 'o', resolve)).toBeUndefined();
    const color: FieldType = { kind: 'enum', variants: [{ name: 'Red', type: null }, { name: 'Rgb', type: { kind: 'int', name: 'u32' } }] };
    expect(sdkValue(color, 'Red', 'c', resolve)).toEqual({ tag: 'Red' });
    expect(sdkValue(color, { Rgb: 5 }, 'c', resolve)).toEqual({ tag: 'Rgb', value: 5 });
    const ts = sdkValue({ kind: 'timestamp' }, '2025-01-01T00:00:00Z', 't', resolve) as Timestamp;
    expect(ts.toDate().toISOString()).toBe('2025-01-01T00:00:00.000Z');
    expect(() => sdkValue({ kind: 'timestamp' }, 'soon', 't', resolve)).toThrow(/write a date/);
  });
});
