import type { AlgebraicType } from 'spacetimedb';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatTimestamp } from '../values/time.ts';
import { parseLiteral } from './literals.ts';
import { START } from '../testing/test-db.ts';
import { openSqlTestDb, type SqlTestDb } from './test-module.ts';

let db: SqlTestDb;
let alice: { identity: bigint; connectionId: bigint };
beforeAll(async () => {
  db = await openSqlTestDb();
  alice = { identity: db.client.caller, connectionId: 1n };
  db.call('open_account', { balance: -5, data: '0x0102' }, alice);
  db.call('open_account', { balance: 10, data: '0x' }, { identity: db.db.owner, connectionId: 7n });
});

const balances = (where: string, who = db.owner): unknown[] => db.sql(`SELECT balance FROM account WHERE ${where}`, who).rows.map(r => r[0]);
const hex = (v: bigint, digits: number): string => v.toString(16).padStart(digits, '0');

describe('literals of special types', () => {
  it('matches an Identity written as 0x… or X\'…\' with exactly 64 hex digits', () => {
    const id = hex(alice.identity, 64);
    expect(balances(`identity = 0x${id}`)).toEqual([-5]);
    expect(balances(`identity = X'${id.toUpperCase()}'`)).toEqual([-5]);
    expect(balances(`identity <> 0x${id}`)).toEqual([10]);
    expect(db.sqlError(`SELECT * FROM account WHERE identity = 0x${id.slice(1)}`)).toContain('cannot be parsed as type `(__identity__: U256)`');
    expect(db.sqlError(`SELECT * FROM account WHERE identity = '0x${id}'`)).toContain('cannot be parsed as type `(__identity__: U256)`');
  });

  it('types :sender as the caller\'s Identity', () => {
    expect(balances('identity = :sender', db.client)).toEqual([-5]);
    expect(balances(':sender = identity')).toEqual([10]);
  });

  it('matches a ConnectionId by its 32 hex digits', () => {
    expect(balances(`conn = 0x${hex(7n, 32)}`)).toEqual([10]);
    expect(db.sqlError(`SELECT * FROM account WHERE conn = 0x${hex(7n, 31)}`)).toContain('`(__connection_id__: U128)`');
  });

  it('matches bytes from hex, padding odd lengths', () => {
    expect(balances('data = 0x0102')).toEqual([-5]);
    expect(balances("data = X'0102'")).toEqual([-5]);
    expect(balances('data = 0x102')).toEqual([-5]);
    expect(balances("data = ''")).toEqual([10]);
    expect(balances('data > 0x01')).toEqual([-5]);
  });

  it('matches timestamps written in RFC 3339, with any offset and precision', () => {
    expect(balances(`opened = '${formatTimestamp(START)}'`)).toEqual([-5, 10]);
    expect(balances("opened = '2025-01-01 02:00:00+02:00'")).toEqual([-5, 10]);
    expect(balances("opened = '2025-01-01T00:00:00.000000000Z'")).toEqual([-5, 10]);
    expect(balances("opened < '2024-12-31T23:59:59.999999Z'")).toEqual([]);
  });

  it('compares signed integers, floats and bools by value', () => {
    expect(balances('balance < 0')).toEqual([-5]);
    expect(balances('balance = -5')).toEqual([-5]);
    expect(balances('ratio = 0.5 AND ratio = 5e-1 AND ratio > .4')).toEqual([-5, 10]);
    expect(balances('active = true')).toEqual([10]);
    expect(balances('active')).toEqual([10]);
    expect(balances('active = false')).toEqual([-5]);
  });
});

describe('parseLiteral', () => {
  const ts = [] as const;
  it('parses integers with BigDecimal rules, including u256 from scientific notation', () => {
    expect(parseLiteral('1e40', { tag: 'U256' }, ts)).toBe(10n ** 40n);
    expect(parseLiteral('-128', { tag: 'I8' }, ts)).toBe(-128);
    expect(parseLiteral('2.50e1', { tag: 'U32' }, ts)).toBe(25);
    expect(() => parseLiteral('2.55e1', { tag: 'U32' }, ts)).toThrow('2.55e1 is not an integer');
    expect(() => parseLiteral('-129', { tag: 'I8' }, ts)).toThrow('-129 is out of bounds for type I8');
  });

  it('parses floats, overflowing f32 to infinity as upstream does', () => {
    expect(parseLiteral('1e40', { tag: 'F32' }, ts)).toBe(Infinity);
    expect(parseLiteral('.1', { tag: 'F64' }, ts)).toBe(0.1);
    expect(() => parseLiteral('NaN', { tag: 'F64' }, ts)).toThrow('NaN is not a valid F64');
  });

  it('parses UUIDs from strings', () => {
    const uuid: AlgebraicType = { tag: 'Product', value: { elements: [{ name: '__uuid__', algebraicType: { tag: 'U128' } }] } };
    expect(parseLiteral('00000000-0000-0000-0000-00000000002a', uuid, ts)).toEqual({ __uuid__: 42n });
    expect(parseLiteral('0000000000000000000000000000002A', uuid, ts)).toEqual({ __uuid__: 42n });
    expect(() => parseLiteral('not-a-uuid', uuid, ts)).toThrow('Could not parse uuid');
  });
});
