/**
 * `spacetime-playground serve`: one published module behind a real HTTP +
 * WebSocket server, so an unmodified SDK client connects with
 * `DbConnection.builder().withUri('ws://localhost:3000').withDatabaseName(name)`.
 *
 * Routes (upstream crates/client-api/src/routes/{identity,database,subscribe}.rs):
 * - `POST /v1/identity`: a new anonymous identity and its token.
 * - `POST /v1/identity/websocket-token`: the SDK trades its token for a
 *   short-lived one before opening the socket; ours is the same token.
 * - `GET  /v1/database/{name}/subscribe` (WebSocket upgrade): subprotocol
 *   `v3.bsatn.spacetimedb` or `v2.bsatn.spacetimedb`, `connection_id=<hex>`,
 *   `token=` (or `Authorization: Bearer`). Every server frame starts with the
 *   compression tag byte; we always send 0 (uncompressed), which the SDK
 *   accepts whatever `compression=` asked for (and which keeps frames in
 *   order: the SDK decompresses asynchronously, so a compressed frame could
 *   be overtaken by a later uncompressed one).
 * - `POST /v1/database/{name}/call/{reducer}`: JSON args (array or object);
 *   connect → call → disconnect with a fresh connection id, as upstream.
 * - `POST /v1/database/{name}/sql`: ad-hoc SQL as the caller.
 * - `GET  /v1/ping`.
 * Schedules run on a real clock with a timer armed for the next one due.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { AlgebraicType } from 'spacetimedb';
import { WebSocketServer, type WebSocket } from 'ws';
import { createRealClock } from '../engine/clock.ts';
import { openDatabase, type Database } from '../engine/database.ts';
import { identityFromClaims, toHex } from '../engine/identity.ts';
import type { TxRecord } from '../engine/records.ts';
import { createProtocolServer, type ProtocolServer, type Session } from '../protocol/server.ts';
import { claimsFor, mintToken, readToken } from '../protocol/tokens.ts';
import { negotiateProtocol, V2_PROTOCOL } from '../protocol/wire.ts';
import { encodeArgs } from '../scenario/args.ts';

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

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'authorization, content-type',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
};

const bigJson = (_k: string, v: unknown) => (typeof v === 'bigint' ? v.toString() : v);

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const name = opts.name ?? 'playground';
  const log = opts.log ?? (() => {});
  const db = openDatabase({ prelude: opts.prelude, code: opts.code, ...(opts.sourceMap ? { sourceMap: opts.sourceMap } : {}), clock: createRealClock(), name });
  const sockets = new Set<WebSocket>();
  const newSubject = (): string => randomUUID();
  const protocol = createProtocolServer(db, { newSubject });
  const nowSeconds = () => Math.floor(Date.now() / 1000);

  db.onTransaction(r => logRecord(r, log));
  const published = db.publish();
  if (published.outcome.status !== 'committed') throw new Error(`init failed: ${published.outcome.message}`);

  // ---- schedules on the real clock ------------------------------------------
  let timer: ReturnType<typeof setTimeout> | undefined;
  let armPending = false;
  let closed = false;
  const arm = (): void => {
    armPending = false;
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (closed) return;
    const at = db.nextScheduleAt();
    if (at === undefined) return;
    const delayMs = Math.max(0, Math.min(2 ** 31 - 1, Number((at - db.now()) / 1000n)));
    timer = setTimeout(() => {
      timer = undefined;
      try {
        db.runDue();
      } catch (e) {
        log(`schedule error: ${e instanceof Error ? e.message : String(e)}`);
      }
      arm();
    }, delayMs);
  };
  db.onTransaction(() => {
    if (!armPending) {
      armPending = true;
      queueMicrotask(arm);
    }
  });
  arm();

  // ---- identities -----------------------------------------------------------
  const bearer = (req: IncomingMessage): string | undefined => {
    const h = req.headers.authorization;
    const m = h && /^Bearer\s+(.+)$/i.exec(h);
    return m ? m[1]!.trim() : undefined;
  };
  const newToken = (): string => mintToken(claimsFor(newSubject(), nowSeconds()));
  const identityOfToken = (token: string): bigint | undefined => {
    const c = readToken(token);
    return c ? identityFromClaims(c.iss, c.sub) : undefined;
  };
  const ownerToken = mintToken(claimsFor('owner', nowSeconds()));

  /** Runs `fn` as a short-lived connection of `token`'s identity (upstream `with_connection`). */
  const withConnection = <T>(token: string, fn: (caller: { identity: bigint; connectionId: bigint }) => T): { ok: true; value: T } | { ok: false; message: string } => {
    const claims = readToken(token)!;
    const identity = identityFromClaims(claims.iss, claims.sub);
    let connectionId = 0n;
    while (connectionId === 0n || db.isConnected(connectionId)) connectionId = BigInt('0x' + randomUUID().replace(/-/g, ''));
    const connected = db.connect({ identity, connectionId, jwtPayload: JSON.stringify(claims) });
    if (connected.outcome.status !== 'committed') return { ok: false, message: connected.outcome.message };
    try {
      return { ok: true, value: fn({ identity, connectionId }) };
    } finally {
      db.disconnect(connectionId);
    }
  };

  // ---- HTTP -----------------------------------------------------------------
  const send = (res: ServerResponse, status: number, body: unknown, type = 'application/json'): void => {
    const text = typeof body === 'string' ? body : JSON.stringify(body, bigJson);
    res.writeHead(status, { 'content-type': type, ...CORS });
    res.end(text);
  };
  const readBody = (req: IncomingMessage): Promise<string> =>
    new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });
  const isOurDatabase = (nameOrIdentity: string): boolean =>
    decodeURIComponent(nameOrIdentity) === name || nameOrIdentity.toLowerCase() === toHex(db.databaseIdentity, 32).slice(2);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname.replace(/\/+$/, '');
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') {
      res.writeHead(204, CORS);
      res.end();
      return;
    }
    if (path === '/v1/ping' && method === 'GET') return send(res, 200, '', 'text/plain');
    if (path === '/v1/identity' && method === 'POST') {
      const token = newToken();
      return send(res, 200, { identity: toHex(identityOfToken(token)!, 32).slice(2), token });
    }
    if (path === '/v1/identity/websocket-token' && method === 'POST') {
      const given = bearer(req);
      if (given !== undefined && !readToken(given)) return send(res, 401, 'Authorization is invalid: malformed token', 'text/plain');
      return send(res, 200, { token: given ?? newToken() });
    }
    const db_ = /^\/v1\/database\/([^/]+)(\/.*)?$/.exec(path);
    if (!db_) return send(res, 404, 'Not Found', 'text/plain');
    if (!isOurDatabase(db_[1]!)) return send(res, 404, `No such database: ${decodeURIComponent(db_[1]!)}`, 'text/plain');
    const rest = db_[2] ?? '';
    const token = bearer(req) ?? newToken();
    if (!readToken(token)) return send(res, 401, 'Authorization is invalid: malformed token', 'text/plain');

    if (rest === '' && method === 'GET') {
      return send(res, 200, { database_identity: toHex(db.databaseIdentity, 32).slice(2), owner_identity: toHex(db.owner, 32).slice(2), host_type: 'Js', names: [name] });
    }
    const call = /^\/call\/([^/]+)$/.exec(rest);
    if (call && method === 'POST') {
      const reducerName = decodeURIComponent(call[1]!);
      const reducer = db.findReducer(reducerName);
      if (!reducer) return send(res, 404, `No such reducer: ${reducerName}`, 'text/plain');
      const text = await readBody(req);
      let args: Uint8Array;
      try {
        args = encodeArgs(reducer.params, reducer.paramsType, db.schema.typespace, text.trim() ? JSON.parse(text) : [], () => undefined);
      } catch (e) {
        return send(res, 400, `Invalid arguments for reducer ${reducerName}: ${(e as Error).message}`, 'text/plain');
      }
      const r = withConnection(token, caller => db.callReducer(reducer.name, args, caller));
      if (!r.ok) return send(res, 403, r.message, 'text/plain');
      const o = r.value.outcome;
      if (o.status === 'committed') return send(res, 200, '', 'text/plain');
      if (o.status === 'rejected') return send(res, 404, o.message, 'text/plain');
      return send(res, 530, o.message, 'text/plain');
    }
    if (rest === '/sql' && method === 'POST') {
      const text = await readBody(req);
      const start = performance.now();
      const r = withConnection(token, caller => db.sql(text, caller));
      if (!r.ok) return send(res, 403, r.message, 'text/plain');
      if (!r.value.ok) return send(res, 400, r.value.error.message, 'text/plain');
      const v = r.value.value;
      return send(res, 200, [
        {
          schema: { elements: v.columns.map(c => ({ name: { some: c.name }, algebraic_type: satsJsonType(c.type) })) },
          rows: v.rows,
          total_duration_micros: Math.round((performance.now() - start) * 1000),
          stats: { rows_inserted: v.stats.rowsInserted, rows_deleted: v.stats.rowsDeleted, rows_updated: v.stats.rowsUpdated },
        },
      ]);
    }
    return send(res, 404, 'Not Found', 'text/plain');
  };

  const http = createServer((req, res) => {
    handle(req, res).catch(e => {
      log(`http error: ${e instanceof Error ? e.stack : String(e)}`);
      if (!res.headersSent) send(res, 500, 'internal error', 'text/plain');
      else res.end();
    });
  });

  // ---- WebSocket ------------------------------------------------------------
  const wss = new WebSocketServer({
    noServer: true,
    // The SDK offers v3 then v2; we answer with the one we prefer.
    handleProtocols: offered => negotiateProtocol([...offered]) ?? false,
  });

  http.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const m = /^\/v1\/database\/([^/]+)\/subscribe\/?$/.exec(url.pathname);
    const refuse = (status: number, text: string): void => {
      socket.end(`HTTP/1.1 ${status} ${status === 404 ? 'Not Found' : status === 401 ? 'Unauthorized' : 'Bad Request'}\r\ncontent-type: text/plain\r\ncontent-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`);
    };
    if (!m) return refuse(404, 'Not Found');
    if (!isOurDatabase(m[1]!)) return refuse(404, `No such database: ${decodeURIComponent(m[1]!)}`);
    const idParam = url.searchParams.get('connection_id');
    let connectionId: bigint | undefined;
    if (idParam !== null) {
      if (!/^[0-9a-fA-F]{1,32}$/.test(idParam)) return refuse(400, `Invalid connection ID: ${idParam}`);
      connectionId = BigInt('0x' + idParam);
      if (connectionId === 0n) return refuse(400, 'Invalid connection ID: the all-zeros ConnectionId is reserved.');
    }
    const token = url.searchParams.get('token') ?? bearer(req);
    if (token !== undefined && token !== null && !readToken(token)) return refuse(401, 'Authorization is invalid: malformed token');
    const offered = String(req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map(s => s.trim())
      .filter(Boolean);
    if (offered.length && !negotiateProtocol(offered)) return refuse(400, `unsupported websocket subprotocols: ${offered.join(', ')}`);

    wss.handleUpgrade(req, socket, head, ws => {
      sockets.add(ws);
      const wire = negotiateProtocol(offered) ?? V2_PROTOCOL;
      let session: Session | undefined;
      const r = protocol.accept({
        protocol: wire,
        ...(token ? { token } : {}),
        ...(connectionId !== undefined ? { connectionId } : {}),
        transport: {
          send(frame) {
            if (ws.readyState !== ws.OPEN) return;
            const tagged = new Uint8Array(frame.length + 1);
            tagged[0] = 0; // compression: none
            tagged.set(frame, 1);
            ws.send(tagged, { binary: true });
          },
          close() {
            if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(1000);
          },
        },
      });
      if (!r.ok) {
        // Upstream drops the connection without a message when clientConnected refuses it.
        log(`connection refused: ${r.error}`);
        sockets.delete(ws);
        ws.terminate();
        return;
      }
      session = r.session;
      ws.on('message', (data, isBinary) => {
        if (!session) return;
        if (!isBinary) {
          // Text frames would be the JSON protocol, which the SDK never speaks.
          protocol.close(session);
          return;
        }
        const bytes = toBytes(data);
        try {
          protocol.receive(session, bytes);
        } catch (e) {
          log(`error handling a client message: ${e instanceof Error ? e.stack : String(e)}`);
        }
      });
      ws.on('close', () => {
        sockets.delete(ws);
        if (session) protocol.close(session);
        session = undefined;
      });
      ws.on('error', e => log(`websocket error: ${e.message}`));
    });
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port ?? 3000, opts.host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const port = (http.address() as AddressInfo).port;

  return {
    name,
    port,
    url: `ws://localhost:${port}`,
    db,
    protocol,
    ownerToken,
    close: async () => {
      if (closed) return;
      closed = true;
      if (timer) clearTimeout(timer);
      for (const s of [...protocol.sessions.values()]) protocol.close(s);
      for (const ws of sockets) ws.terminate();
      await new Promise<void>(resolve => wss.close(() => resolve()));
      await new Promise<void>(resolve => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
    },
  };
}

/** An AlgebraicType in SATS-JSON, as upstream's `/sql` writes column types (`{"U64": []}`, `{"Product": {...}}`). */
function satsJsonType(t: AlgebraicType): unknown {
  const name = (n: string | undefined) => (n === undefined ? { none: [] } : { some: n });
  switch (t.tag) {
    case 'Ref': return { Ref: t.value };
    case 'Array': return { Array: satsJsonType(t.value) };
    case 'Product': return { Product: { elements: t.value.elements.map(e => ({ name: name(e.name), algebraic_type: satsJsonType(e.algebraicType) })) } };
    case 'Sum': return { Sum: { variants: t.value.variants.map(v => ({ name: name(v.name), algebraic_type: satsJsonType(v.algebraicType) })) } };
    default: return { [t.tag]: [] };
  }
}

function toBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function logRecord(r: TxRecord, log: (line: string) => void): void {
  const who = r.sender ? toHex(r.sender, 32).slice(2, 18) : '';
  const what = r.reducer ?? r.kind;
  const o = r.outcome;
  const status = o.status === 'committed' ? 'ok' : o.status === 'rejected' ? `rejected: ${o.message}` : o.kind === 'sender' ? `error: ${o.message}` : `internal error: ${o.detail}`;
  if (r.kind === 'schedule-cleanup') return;
  log(`[${r.kind}] ${what}${who ? ` by ${who}…` : ''} ${status} (${r.durationMs.toFixed(1)} ms)`);
  for (const l of r.logs) log(`  ${l.level}: ${l.message}`);
}
