/**
 * The HTTP routes (upstream crates/client-api/src/routes/{identity,database}.rs):
 * - `GET  /v1/ping`.
 * - `POST /v1/identity`: a new anonymous identity and its token.
 * - `POST /v1/identity/websocket-token`: the SDK trades its token for a
 *   short-lived one before opening the socket; ours is the same token.
 * - `GET  /v1/database/{name}`: the database's identities and names.
 * - `POST /v1/database/{name}/call/{reducer}`: JSON args (array or object);
 *   connect → call → disconnect with a fresh connection id, as upstream.
 * - `POST /v1/database/{name}/sql`: ad-hoc SQL as the caller.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { AlgebraicType } from 'spacetimedb';
import { toHex } from '../engine/identity.ts';
import { readToken } from '../protocol/tokens.ts';
import { encodeArgs } from '../scenario/args.ts';
import { isOurDatabase, type ServeContext } from './context.ts';
import { bearer } from './identities.ts';

/** The request listener for `http.createServer`: routes, and a 500 for anything that throws. */
export function createHttpHandler(ctx: ServeContext): RequestListener {
  const handle = createRoutes(ctx);
  return (req, res) => {
    handle(req, res).catch(e => {
      ctx.log(`http error: ${e instanceof Error ? e.stack : String(e)}`);
      if (!res.headersSent) send(res, 500, 'internal error', 'text/plain');
      else res.end();
    });
  };
}

function createRoutes(ctx: ServeContext): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const { db, name, identities } = ctx;
  const { newToken, identityOfToken, withConnection } = identities;

  const callReducer = async (req: IncomingMessage, res: ServerResponse, token: string, reducerName: string): Promise<void> => {
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
  };

  const sql = async (req: IncomingMessage, res: ServerResponse, token: string): Promise<void> => {
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
  };

  return async (req, res) => {
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
    if (!isOurDatabase(ctx, db_[1]!)) return send(res, 404, `No such database: ${decodeURIComponent(db_[1]!)}`, 'text/plain');
    const rest = db_[2] ?? '';
    const token = bearer(req) ?? newToken();
    if (!readToken(token)) return send(res, 401, 'Authorization is invalid: malformed token', 'text/plain');

    if (rest === '' && method === 'GET') {
      return send(res, 200, { database_identity: toHex(db.databaseIdentity, 32).slice(2), owner_identity: toHex(db.owner, 32).slice(2), host_type: 'Js', names: [name] });
    }
    const call = /^\/call\/([^/]+)$/.exec(rest);
    if (call && method === 'POST') return callReducer(req, res, token, decodeURIComponent(call[1]!));
    if (rest === '/sql' && method === 'POST') return sql(req, res, token);
    return send(res, 404, 'Not Found', 'text/plain');
  };
}


const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'authorization, content-type',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
};

const bigJson = (_k: string, v: unknown) => (typeof v === 'bigint' ? v.toString() : v);

function send(res: ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body, bigJson);
  res.writeHead(status, { 'content-type': type, ...CORS });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
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
