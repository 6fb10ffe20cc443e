import { describe, expect, it } from 'vitest';
import { parseSql, parseSubscription } from './grammar.ts';
import { tokenize } from './lexer.ts';

const kinds = (sql: string) => tokenize(sql).map(t => [t.kind, t.text]);

describe('the tokenizer', () => {
  it('reads strings with doubled quotes and identifiers with doubled double quotes', () => {
    expect(kinds(`'it''s' "a""b"`)).toEqual([
      ['string', "it's"],
      ['qident', 'a"b'],
      ['eof', ''],
    ]);
  });

  it('reads numbers with exponents and leading dots, and hex in both spellings', () => {
    expect(kinds("1e3 1.5E-2 .5 0xAb X'cd'")).toEqual([
      ['number', '1e3'],
      ['number', '1.5E-2'],
      ['number', '.5'],
      ['hex', 'Ab'],
      ['hex', 'cd'],
      ['eof', ''],
    ]);
  });

  it('skips line and block comments and reads :sender as a placeholder', () => {
    expect(kinds('a -- note\n/* block */ :sender')).toEqual([
      ['word', 'a'],
      ['placeholder', ':sender'],
      ['eof', ''],
    ]);
  });
});

describe('the parsed AST', () => {
  it('keeps identifiers case-sensitive and qualifies single-table columns with the alias', () => {
    const ast = parseSubscription("SELECT * FROM Person AS P WHERE Name = 'it''s' OR P.age >= -1e2");
    expect(ast.from).toEqual({ table: 'Person', alias: 'P', joins: [] });
    expect(ast.filter).toEqual({
      kind: 'log',
      op: 'OR',
      left: { kind: 'bin', op: '=', left: { kind: 'field', table: 'P', field: 'Name' }, right: { kind: 'lit', lit: { kind: 'str', text: "it's" } } },
      right: { kind: 'bin', op: '>=', left: { kind: 'field', table: 'P', field: 'age' }, right: { kind: 'lit', lit: { kind: 'num', text: '-1e2' } } },
    });
  });

  it('reads != as <>, COUNT(*) with an alias, LIMIT, and multi-way joins', () => {
    const ast = parseSql('SELECT count(*) AS n FROM a JOIN b ON a.x = b.y INNER JOIN c ON b.y = c.z WHERE a.q != 1 LIMIT 10');
    expect(ast).toMatchObject({
      kind: 'select',
      select: {
        project: { kind: 'count', alias: 'n' },
        from: { table: 'a', joins: [{ table: 'b' }, { table: 'c' }] },
        filter: { kind: 'bin', op: '<>' },
        limit: '10',
      },
    });
  });

  it('reads DML with multi-row VALUES and SET … TO', () => {
    expect(parseSql("INSERT INTO t (a, b) VALUES (1, 'x'), (-2, 0xFF)")).toEqual({
      kind: 'insert',
      table: 't',
      fields: ['a', 'b'],
      rows: [
        [{ kind: 'num', text: '1' }, { kind: 'str', text: 'x' }],
        [{ kind: 'num', text: '-2' }, { kind: 'hex', text: 'FF' }],
      ],
    });
    expect(parseSql('SET row_limit TO 5')).toEqual({ kind: 'set', name: 'row_limit', lit: { kind: 'num', text: '5' } });
    expect(parseSql('UPDATE t SET a = true WHERE b = 1')).toMatchObject({ kind: 'update', filter: { left: { kind: 'field', table: 't', field: 'b' } } });
  });
});
