/**
 * `spacetime-playground serve`: one published module behind a real HTTP +
 * WebSocket server, so an unmodified SDK client connects with
 * `DbConnection.builder().withUri('ws://localhost:3000').withDatabaseName(name)`.
 *
 * The HTTP routes are in `routes.ts`, the WebSocket subscribe endpoint in
 * `websocket.ts`. Schedules run on a real clock with a timer armed for the
 * next one due (`schedule.ts`).
 */
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createRealClock } from '../engine/clock.ts';
import { openDatabase, type Database } from '../engine/database.ts';
import { toHex } from '../engine/identity.ts';
import type { TxRecord } from '../engine/records.ts';
import { createProtocolServer, type ProtocolServer } from '../protocol/server.ts';
import type { ServeContext } from './context.ts';
import { createIdentities } from './identities.ts';
import { createHttpHandler } from './routes.ts';
import { startScheduleTimer } from './schedule.ts';
import { attachWebSocket } from './websocket.ts';

export type ServeOptions = {
  /** The library prelude and compiled module (`compileModuleFile`). */
  prelude: string;
  code: string;
  /** The module's source map, so internal errors point into its files. */
  sourceMap?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Interface to listen on; all interfaces when omitted (as `spacetime start`). */
  host?: string;
  /** The database name clients pass to `withDatabaseName`. */
  name?: string;
  /** One line per transaction and module log line. */
  log?: (line: string) => void;
};

export type RunningServer = {
  name: string;
  port: number;
  /** `ws://localhost:PORT` */
  url: string;
  db: Database;
  protocol: ProtocolServer;
  /** A token for the database owner (SQL writes, private reducers). */
  ownerToken: string;
  /** Disconnects every client (running `clientDisconnected`), then stops listening. */
  close(): Promise<void>;
};

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const name = opts.name ?? 'playground';
  const log = opts.log ?? (() => {});
  const db = openDatabase({ prelude: opts.prelude, code: opts.code, ...(opts.sourceMap ? { sourceMap: opts.sourceMap } : {}), clock: createRealClock(), name });
  const newSubject = (): string => randomUUID();
  const protocol = createProtocolServer(db, { newSubject });

  db.onTransaction(r => logRecord(r, log));
  const published = db.publish();
  if (published.outcome.status !== 'committed') throw new Error(`init failed: ${published.outcome.message}`);
  const schedules = startScheduleTimer(db, log);

  const ctx: ServeContext = { name, db, protocol, identities: createIdentities(db, newSubject), log };
  const http = createServer(createHttpHandler(ctx));
  const ws = attachWebSocket(http, ctx);

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port ?? 3000, opts.host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const port = (http.address() as AddressInfo).port;

  let closed = false;
  return {
    name,
    port,
    url: `ws://localhost:${port}`,
    db,
    protocol,
    ownerToken: ctx.identities.ownerToken,
    close: async () => {
      if (closed) return;
      closed = true;
      schedules.stop();
      for (const s of [...protocol.sessions.values()]) protocol.close(s);
      await ws.close();
      await new Promise<void>(resolve => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
    },
  };
}

/** One line per transaction (who, what, outcome, duration), then its module log lines. */
function logRecord(r: TxRecord, log: (line: string) => void): void {
  const who = r.sender ? toHex(r.sender, 32).slice(2, 18) : '';
  const what = r.reducer ?? r.kind;
  const o = r.outcome;
  const status = o.status === 'committed' ? 'ok' : o.status === 'rejected' ? `rejected: ${o.message}` : o.kind === 'sender' ? `error: ${o.message}` : `internal error: ${o.detail}`;
  if (r.kind === 'schedule-cleanup') return;
  log(`[${r.kind}] ${what}${who ? ` by ${who}…` : ''} ${status} (${r.durationMs.toFixed(1)} ms)`);
  for (const l of r.logs) log(`  ${l.level}: ${l.message}`);
}
