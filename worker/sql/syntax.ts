/**
 * The raw syntax tree: what sqlparser would hand upstream before SpacetimeDB's
 * own grammar checks, wide enough to name every unsupported construct in
 * upstream's words. `display*` re-print it the way sqlparser's `Display`
 * does, for messages such as `Unsupported expression: NOT a = 1`.
 */
export type RawIdent = { value: string; quoted: boolean };

export type RawExpr =
  | { kind: 'ident'; parts: RawIdent[] }
  | { kind: 'number'; text: string }
  | { kind: 'string'; text: string }
  | { kind: 'hex'; text: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'null' }
  | { kind: 'other-literal'; text: string }
  | { kind: 'placeholder'; name: string }
  | { kind: 'unary'; op: '+' | '-' | 'NOT'; expr: RawExpr }
  | { kind: 'binary'; op: string; left: RawExpr; right: RawExpr }
  | { kind: 'nested'; expr: RawExpr }
  | { kind: 'function'; name: RawIdent[]; args: (RawExpr | '*')[]; distinct: boolean }
  /** IN, IS NULL, BETWEEN, LIKE, casts, subqueries...: only ever reported, so kept as text. */
  | { kind: 'complex'; text: string };

export type RawSelectItem =
  | { kind: 'wildcard' }
  | { kind: 'qualified-wildcard'; qualifier: RawIdent[] }
  | { kind: 'expr'; expr: RawExpr; alias: RawIdent | undefined };

/** A FROM entry: a table, or something else (subquery, function, parenthesised join) kept as text. */
export type RawRelation = { kind: 'table'; name: RawIdent[]; alias: RawIdent | undefined; text: string } | { kind: 'other'; text: string };

export type RawJoinOp = 'inner' | 'cross' | 'outer' | 'natural';
export type RawJoin = {
  op: RawJoinOp;
  relation: RawRelation;
  constraint: { kind: 'none' } | { kind: 'on'; expr: RawExpr } | { kind: 'using' };
};
export type RawTableWithJoins = { relation: RawRelation; joins: RawJoin[]; text: string };

export type RawSelect = {
  kind: 'select';
  distinct: boolean;
  items: RawSelectItem[];
  from: RawTableWithJoins[];
  where: RawExpr | undefined;
  groupBy: boolean;
  having: boolean;
  text: string;
};

export type RawQuery = {
  /** A SELECT, or a set operation / parenthesised query kept as text. */
  body: RawSelect | { kind: 'setop'; text: string };
  with: boolean;
  orderBy: boolean;
  limit: RawExpr | undefined;
  offset: boolean;
  text: string;
};

export type RawStatement =
  | { kind: 'query'; query: RawQuery; text: string }
  | { kind: 'insert'; table: RawIdent[]; columns: RawIdent[]; rows: RawExpr[][] | undefined; source: string; text: string }
  | { kind: 'update'; target: RawTableWithJoins; assignments: { target: RawIdent[]; value: RawExpr }[]; from: boolean; where: RawExpr | undefined; text: string }
  | { kind: 'delete'; from: RawTableWithJoins[]; where: RawExpr | undefined; text: string }
  | { kind: 'set'; name: RawIdent[]; values: RawExpr[]; text: string }
  | { kind: 'show'; name: RawIdent[]; text: string }
  | { kind: 'other'; text: string };

export function displayIdent(id: RawIdent): string {
  return id.quoted ? `"${id.value.replaceAll('"', '""')}"` : id.value;
}

export function displayName(parts: RawIdent[]): string {
  return parts.map(displayIdent).join('.');
}

export function displayExpr(e: RawExpr): string {
  switch (e.kind) {
    case 'ident': return displayName(e.parts);
    case 'number': return e.text;
    case 'string': return `'${e.text.replaceAll("'", "''")}'`;
    case 'hex': return `X'${e.text}'`;
    case 'bool': return String(e.value);
    case 'null': return 'NULL';
    case 'other-literal': return e.text;
    case 'placeholder': return e.name;
    case 'unary': return e.op === 'NOT' ? `NOT ${displayExpr(e.expr)}` : `${e.op}${displayExpr(e.expr)}`;
    case 'binary': return `${displayExpr(e.left)} ${e.op} ${displayExpr(e.right)}`;
    case 'nested': return `(${displayExpr(e.expr)})`;
    case 'function': {
      const args = e.args.map(a => (a === '*' ? '*' : displayExpr(a))).join(', ');
      return `${displayName(e.name)}(${e.distinct ? 'DISTINCT ' : ''}${args})`;
    }
    case 'complex': return e.text;
  }
}

export function displayItem(item: RawSelectItem): string {
  switch (item.kind) {
    case 'wildcard': return '*';
    case 'qualified-wildcard': return `${displayName(item.qualifier)}.*`;
    case 'expr': return item.alias ? `${displayExpr(item.expr)} AS ${displayIdent(item.alias)}` : displayExpr(item.expr);
  }
}

/** Source text with runs of whitespace collapsed: a stand-in for sqlparser's statement `Display`. */
export function compact(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}
