import { describe, expect, it } from 'vitest';
import { compileSubscription, evaluateSubscription } from '../sql/subscription.ts';
import { rowKey } from '../sql/values.ts';
import { openTestDatabase } from '../testing/test-db.ts';
import { createSubscriptionManager } from './manager.ts';

// Players belong to an owner and a team; a player is visible to its owner or
// when its score is above 90 (two RLS rules, OR'ed); memberships to their
// member; teams when open. Joins expand each side's rules (upstream allows at
// most two tables after expansion, so rules here are single-table). Clients subscribe to a random mix of queries, then
// random reducers run; after every transaction each client's state, built
// only from what it was sent, must equal a brute-force evaluation.
const MODULE = `
import { schema, table, t, SenderError } from 'spacetimedb/server';
const player = table({ name: 'player', public: true }, {
  id: t.u64().primaryKey().autoInc(), owner: t.identity().index(), team: t.u32().index(), score: t.i32().index(), name: t.string(),
});
const team = table({ name: 'team', public: true }, { id: t.u32().primaryKey(), open: t.bool() });
const membership = table({ name: 'membership', public: true }, { id: t.u64().primaryKey().autoInc(), team_id: t.u32().index(), member: t.identity().index() });
const spacetimedb = schema({ player, team, membership });
export default spacetimedb;
export const own_players = spacetimedb.clientVisibilityFilter.sql('SELECT * FROM player WHERE owner = :sender');
export const star_players = spacetimedb.clientVisibilityFilter.sql('SELECT * FROM player WHERE score > 90');
export const own_memberships = spacetimedb.clientVisibilityFilter.sql('SELECT * FROM membership WHERE member = :sender');
export const open_teams = spacetimedb.clientVisibilityFilter.sql('SELECT * FROM team WHERE open = true');
export const add_player = spacetimedb.reducer({ team: t.u32(), score: t.i32(), name: t.string() }, (ctx, a) => { ctx.db.player.insert({ id: 0n, owner: ctx.sender, ...a }); });
export const set_score = spacetimedb.reducer({ id: t.u64(), score: t.i32() }, (ctx, { id, score }) => {
  const p = ctx.db.player.id.find(id); if (!p) throw new SenderError('no player'); ctx.db.player.id.update({ ...p, score });
});
export const move = spacetimedb.reducer({ id: t.u64(), team: t.u32() }, (ctx, { id, team }) => {
  const p = ctx.db.player.id.find(id); if (!p) throw new SenderError('no player'); ctx.db.player.id.update({ ...p, team });
});
export const remove = spacetimedb.reducer({ id: t.u64() }, (ctx, { id }) => { ctx.db.player.id.delete(id); });
export const join_team = spacetimedb.reducer({ team: t.u32() }, (ctx, { team }) => { ctx.db.membership.insert({ id: 0n, team_id: team, member: ctx.sender }); });
export const leave_team = spacetimedb.reducer({ team: t.u32() }, (ctx, { team }) => {
  for (const m of [...ctx.db.membership.team_id.filter(team)]) if (m.member.isEqual(ctx.sender)) ctx.db.membership.id.delete(m.id);
});
export const set_team = spacetimedb.reducer({ id: t.u32(), open: t.bool() }, (ctx, { id, open }) => {
  if (ctx.db.team.id.find(id)) ctx.db.team.id.update({ id, open }); else ctx.db.team.insert({ id, open });
});
export const shuffle = spacetimedb.reducer({ n: t.i32() }, (ctx, { n }) => {
  for (const p of [...ctx.db.player.iter()]) if (Number(p.id) % 3 === n % 3) ctx.db.player.id.update({ ...p, score: p.score + n });
});
`;

const QUERIES = [
  'SELECT * FROM player',
  'SELECT * FROM player WHERE score > 50',
  'SELECT * FROM player WHERE team = 1 OR score < 10',
  'SELECT * FROM team',
  'SELECT * FROM membership WHERE member = :sender',
  'SELECT player.* FROM player JOIN membership ON player.team = membership.team_id WHERE membership.member = :sender',
  'SELECT p.* FROM player p JOIN team t ON p.team = t.id WHERE t.open = true',
];

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = Math.imul(s ^ (s >>> 15), 1 | s);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

type Counts = Map<string, number>;
const add = (m: Counts, k: string, n: number) => {
  const v = (m.get(k) ?? 0) + n;
  if (v < 0) throw new Error('a client was sent a delete for a row it did not hold');
  if (v === 0) m.delete(k);
  else m.set(k, v);
};

describe('incremental subscriptions', () => {
  // Generous timeout: the brute-force side re-evaluates every query after every transaction.
  it.each([1, 2, 3, 4])('match a brute-force evaluation after every transaction (seed %i)', { timeout: 120_000 }, async seed => {
    const rand = prng(seed);
    const pick = <T,>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const t = await openTestDatabase(MODULE);
    const { db } = t;
    const subs = createSubscriptionManager(db.store, db.schema);
    const clients = ['ann', 'ben', 'cat', 'dan', 'eve', 'fay'].map(name => {
      const { caller } = t.connect(name);
      const queries = QUERIES.filter(() => rand() < 0.45);
      if (queries.length === 0) queries.push(pick(QUERIES));
      return { name, caller, queries, held: new Map<string, Counts>() };
    });
    for (const id of [1, 2, 3]) t.call('set_team', [id, id !== 2]);
    for (const c of clients) {
      const r = subs.subscribe({ ...c.caller, isOwner: false }, 1, c.queries);
      if (!r.ok) throw new Error(r.error);
      r.rows.forEach((q, i) => {
        const m = new Map<string, number>();
        for (const row of q.inserts) add(m, rowKey(row), 1);
        c.held.set(c.queries[i]!, m);
      });
    }
    db.onTransaction(rec => {
      if (rec.outcome.status !== 'committed') return;
      const updates = subs.updatesFor(rec.delta);
      for (const c of clients) {
        for (const u of updates.get(c.caller.connectionId) ?? []) {
          for (const tbl of u.tables) {
            for (const rows of tbl.rows) {
              const m = c.held.get(rows.sql!)!;
              for (const row of rows.deletes) add(m, rowKey(row), -1);
              for (const row of rows.inserts) add(m, rowKey(row), 1);
            }
          }
        }
      }
    });
    const plans = new Map<string, ReturnType<typeof compileSubscription>>();
    const players = () => t.rows('player').map(p => (p as { id: number }).id);
    for (let step = 0; step < 120; step++) {
      const c = pick(clients);
      const ids = players();
      const action = pick(['add', 'add', 'score', 'move', 'remove', 'join', 'leave', 'team', 'shuffle']);
      if (action === 'add' || ids.length === 0) t.call('add_player', [1 + Math.floor(rand() * 3), Math.floor(rand() * 100), `p${step}`], c.caller);
      else if (action === 'score') t.call('set_score', [pick(ids), Math.floor(rand() * 100)], c.caller);
      else if (action === 'move') t.call('move', [pick(ids), 1 + Math.floor(rand() * 3)], c.caller);
      else if (action === 'remove') t.call('remove', [pick(ids)], c.caller);
      else if (action === 'join') t.call('join_team', [1 + Math.floor(rand() * 3)], c.caller);
      else if (action === 'leave') t.call('leave_team', [1 + Math.floor(rand() * 3)], c.caller);
      else if (action === 'team') t.call('set_team', [1 + Math.floor(rand() * 3), rand() < 0.5], c.caller);
      else t.call('shuffle', [Math.floor(rand() * 7)], c.caller);
      for (const cl of clients) {
        for (const q of cl.queries) {
          const opts = { caller: cl.caller.identity, isOwner: false, sender: cl.caller.identity };
          const key = `${cl.name}|${q}`;
          let compiled = plans.get(key);
          if (!compiled) plans.set(key, (compiled = compileSubscription(db.schema, q, opts)));
          if (!compiled.ok) throw new Error(compiled.error.message);
          const expected = new Map<string, number>();
          for (const plan of compiled.plans) for (const row of evaluateSubscription(db.store, db.schema, plan, opts)) add(expected, rowKey(row), 1);
          const held = cl.held.get(q)!;
          // RLS unions are compared as sets (a row may match two rules); plain queries as bags.
          const asSet = (m: Counts) => [...m.keys()].sort();
          const multi = compiled.plans.some(p => p.fragments.length > 1);
          if (multi) expect(asSet(held), `${cl.name} after step ${step}: ${q}`).toEqual(asSet(expected));
          else expect(new Map([...held].sort()), `${cl.name} after step ${step}: ${q}`).toEqual(new Map([...expected].sort()));
        }
      }
    }
  });
});
