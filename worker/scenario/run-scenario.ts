/**
 * Runs a scenario against a fresh database on a virtual clock and reports
 * one JSON object per line: deterministic, so the same inputs print the
 * same bytes. Module console output and scheduled runs print where they
 * happen, before the line of the step that caused them.
 */
import { createVirtualClock } from '../engine/clock.ts';
import { openDatabase, type Database } from '../engine/database.ts';
import { connectionIdFor, identityFromClaims, LOCAL_ISSUER, toHex } from '../engine/identity.ts';
import type { Outcome, TxRecord } from '../engine/records.ts';
import { ViewError } from '../engine/views.ts';
import { decodeRowJson, parseDuration, parseTimestamp, type Json } from '../values/json-codec.ts';
import { encodeArgs } from './args.ts';
import { checkScenario, ScenarioError, type Scenario, type Step } from './steps.ts';
import { createLiveSteps } from './live-steps.ts';

export type Line = Record<string, Json>;
export const DEFAULT_CLOCK = '2025-01-01T00:00:00Z';

type Client = { name: string; identity: bigint; connections: bigint[]; count: number };

function outcomeFields(o: Outcome): Line {
  if (o.status === 'committed') return { ok: true };
  if (o.status === 'rejected') return { ok: false, error: o.message };
  if (o.kind === 'sender') return { ok: false, error: o.message };
  return { ok: false, error: o.message, detail: o.detail };
}

/** Decoded rows keyed by canonical column names. */
export function rowsJson(db: Database, tableName: string, rows: Uint8Array[]): Json[] {
  const table = db.findTable(tableName)!;
  const rename = table.columns.filter(c => c.name !== c.sourceName);
  return rows.map(bytes => {
    const row = decodeRowJson(table.rowType, db.schema.typespace, bytes);
    if (!rename.length) return row;
    const out: Record<string, Json> = {};
    table.columns.forEach(c => (out[c.name] = row[c.sourceName] ?? null));
    return out;
  });
}

/**
 * Returns the process exit code: 0 when the scenario ran (failed calls included), 1 on bad input.
 * `onOpen` sees the database before its publish (`run --history` records from there).
 */
export function runScenario(module: { prelude: string; code: string; sourceMap?: string }, input: unknown, print: (line: Line) => void, onOpen?: (db: Database) => void): number {
  let scenario: Scenario;
  let kinds: ReturnType<typeof checkScenario>['kinds'];
  try {
    ({ scenario, kinds } = checkScenario(input));
  } catch (e) {
    print({ ok: false, error: (e as Error).message });
    return 1;
  }
  const clockText = scenario.clock ?? DEFAULT_CLOCK;
  let start: bigint;
  try {
    start = parseTimestamp(clockText);
  } catch (e) {
    print({ ok: false, error: `"clock": ${(e as Error).message}` });
    return 1;
  }
  const db = openDatabase({ ...module, clock: createVirtualClock(start) });
  onOpen?.(db);
  const clients = new Map<string, Client>();
  db.onTransaction(r => {
    for (const l of r.logs) print({ log: l.level, message: l.message });
    if (r.kind === 'scheduled') print({ scheduled: r.reducer ?? null, ...outcomeFields(r.outcome) });
  });
  const publish = db.publish();
  if (publish.outcome.status !== 'committed') {
    print({ init: publish.reducer ?? 'init', ...outcomeFields(publish.outcome) });
    return 1;
  }
  const lookup = (name: string) => {
    const c = clients.get(name);
    return c && toHex(c.identity, 32);
  };
  const live = createLiveSteps(db);
  for (let i = 0; i < scenario.steps.length; i++) {
    try {
      print({ step: i, ...runStep({ db, clients, live, index: i }, scenario.steps[i]!, kinds[i]!, lookup) });
      for (const line of live.takeUpdates()) print(line);
    } catch (e) {
      if (!(e instanceof ScenarioError) && !(e instanceof Error && e.name === 'ValueError')) throw e;
      print({ step: i, ok: false, error: `step ${i}: ${(e as Error).message.replace(/^step \d+: /, '')}` });
      return 1;
    }
  }
  return 0;
}

type StepContext = { db: Database; clients: Map<string, Client>; live: ReturnType<typeof createLiveSteps>; index: number };

function runStep({ db, clients, live, index }: StepContext, step: Step, kind: string, lookup: (n: string) => string | undefined): Line {
  const s = step as Record<string, unknown>;
  const clientFor = (name: string): Client => {
    const c = clients.get(name);
    if (!c || c.connections.length === 0) throw new ScenarioError(undefined, `client "${name}" is not connected (add {"connect": "${name}"} before this step)`);
    return c;
  };
  const callerOf = (as: unknown) => {
    if (as === undefined) return { name: 'owner', caller: { identity: db.owner, connectionId: 0n } };
    const c = clientFor(as as string);
    return { name: c.name, caller: { identity: c.identity, connectionId: c.connections[c.connections.length - 1]! } };
  };
  const queries = (v: unknown): string[] => (typeof v === 'string' ? [v] : (v as string[]));
  switch (kind) {
    case 'connect': {
      const name = s.connect as string;
      const c = clients.get(name) ?? { name, identity: identityFromClaims(LOCAL_ISSUER, name), connections: [], count: 0 };
      clients.set(name, c);
      const connectionId = connectionIdFor(name, c.count++);
      const jwtPayload = JSON.stringify({ hex_identity: toHex(c.identity, 32).slice(2), sub: name, iss: LOCAL_ISSUER, aud: ['spacetimedb'] });
      const r = db.connect({ identity: c.identity, connectionId, jwtPayload });
      if (r.outcome.status === 'committed') c.connections.push(connectionId);
      return { ...outcomeFields(r.outcome), identity: toHex(c.identity, 32), connectionId: toHex(connectionId, 16) };
    }
    case 'disconnect': {
      const c = clientFor(s.disconnect as string);
      const connectionId = c.connections.pop()!;
      live.dropConnection(connectionId);
      const r = db.disconnect(connectionId) as TxRecord;
      return outcomeFields(r.outcome);
    }
    case 'call': {
      const name = s.call as string;
      const { caller } = callerOf(s.as);
      const reducer = db.findReducer(name);
      const procedure = reducer ? undefined : db.findProcedure(name);
      const fn = reducer ?? procedure;
      if (!fn) {
        const names = db.schema.reducers.filter(r => !r.lifecycle).map(r => r.name);
        throw new ScenarioError(undefined, `unknown reducer "${name}" (reducers: ${names.join(', ') || 'none'})`);
      }
      const args = encodeArgs(fn.params, fn.paramsType, db.schema.typespace, s.args, lookup);
      if (reducer) return outcomeFields(db.callReducer(name, args, caller).outcome);
      const { record, result } = db.callProcedure(name, args, caller);
      const out = outcomeFields(record.outcome);
      if (result && procedure) out.result = decodeRowJson({ elements: [{ name: 'value', algebraicType: procedure.returnType }] }, db.schema.typespace, result).value ?? null;
      return out;
    }
    case 'advance': {
      const micros = typeof s.advance === 'number' ? BigInt(s.advance) : parseDuration(s.advance as string);
      if (micros < 0n) throw new ScenarioError(undefined, 'time only moves forward: "advance" must not be negative');
      db.advance(micros);
      return { ok: true };
    }
    case 'rows': {
      const name = s.rows as string;
      const table = db.findTable(name);
      if (!table) throw new ScenarioError(undefined, `unknown table "${name}" (tables: ${db.schema.tables.map(t => t.name).join(', ')})`);
      if (!table.view) return { ok: true, rows: rowsJson(db, name, db.store.scanTable(table.id)) };
      // A view has no stored rows: compute them, as the owner sees them.
      try {
        return { ok: true, rows: rowsJson(db, name, db.views.materialize(table, db.owner)) };
      } catch (e) {
        if (e instanceof ViewError) return { ok: false, error: e.message };
        throw e;
      }
    }
    case 'sql':
      return live.sql(s.sql as string, callerOf(s.as).caller);
    case 'subscribe': {
      const { name, caller } = callerOf(s.as);
      return live.subscribe(index, name, caller, queries(s.subscribe));
    }
    case 'unsubscribe': {
      const { name, caller } = callerOf(s.as);
      return live.unsubscribe(name, caller, typeof s.unsubscribe === 'number' ? s.unsubscribe : queries(s.unsubscribe));
    }
    default:
      throw new ScenarioError(undefined, `unknown step kind ${kind}`);
  }
}
