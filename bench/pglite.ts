// The PGlite baseline: the same transactions as the engine figures, each its
// own statement (an implicit transaction), in-memory, awaited one by one.
import { PGlite } from '@electric-sql/pglite';
import { progress, randomIds, timeAsync } from './common.ts';

const SCHEMA = 'CREATE TABLE t (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL, value BIGINT NOT NULL)';

export type PgliteFigures = { insertTxPerSec: number; findUpdateTxPerSec: number };

type Options = { inserts: number; updates: number; rows: number; warmup: number; seed: number };

/**
 * The spacetimedb server library sets `globalThis.window = globalThis` when a
 * module loads, which makes PGlite think it runs in a browser; hide it while
 * PGlite runs (the engine figures are done by then).
 */
export async function benchPglite(opts: Options): Promise<PgliteFigures> {
  const g = globalThis as { window?: unknown };
  const saved = Object.getOwnPropertyDescriptor(g, 'window');
  delete g.window;
  try {
    return await run(opts);
  } finally {
    if (saved) Object.defineProperty(g, 'window', saved);
  }
}

async function run(opts: Options): Promise<PgliteFigures> {
  const pg = new PGlite();
  await pg.waitReady;
  await pg.exec(SCHEMA);

  const insert = async (from: number, count: number): Promise<void> => {
    for (let i = from; i < from + count; i++) {
      await pg.query('INSERT INTO t (name, value) VALUES ($1, $2)', [`name-${i}`, i]);
    }
  };
  progress(`pglite: ${opts.warmup} warm-up inserts, then ${opts.inserts} timed`);
  await insert(0, opts.warmup);
  const insertMs = await timeAsync(() => insert(opts.warmup, opts.inserts));

  // Find + update by primary key over `rows` rows. One UPDATE statement is the
  // cheapest way SQL can say "find row, value + 1": the best case for PGlite.
  await pg.exec('DROP TABLE t');
  await pg.exec(SCHEMA);
  await pg.exec(`INSERT INTO t (name, value) SELECT 'account-' || g, 0 FROM generate_series(1, ${opts.rows}) g`);
  const ids = randomIds(opts.seed, opts.warmup + opts.updates, opts.rows);
  const update = async (from: number, count: number): Promise<void> => {
    for (let i = from; i < from + count; i++) {
      const res = await pg.query('UPDATE t SET value = value + 1 WHERE id = $1', [ids[i]]);
      if (res.affectedRows !== 1) throw new Error(`pglite: update of id ${ids[i]} touched ${res.affectedRows} rows`);
    }
  };
  progress(`pglite: ${opts.warmup} warm-up updates over ${opts.rows} rows, then ${opts.updates} timed`);
  await update(0, opts.warmup);
  const updateMs = await timeAsync(() => update(opts.warmup, opts.updates));
  await pg.close();

  return { insertTxPerSec: (opts.inserts / insertMs) * 1000, findUpdateTxPerSec: (opts.updates / updateMs) * 1000 };
}
