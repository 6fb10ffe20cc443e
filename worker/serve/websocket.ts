/**
 * `GET /v1/database/{name}/subscribe` (WebSocket upgrade; upstream
 * crates/client-api/src/routes/subscribe.rs): subprotocol
 * `v3.bsatn.spacetimedb` or `v2.bsatn.spacetimedb`, `connection_id=<hex>`,
 * `token=` (or `Authorization: Bearer`). Every server frame starts with the
 * compression tag byte; we always send 0 (uncompressed), which the SDK
 * accepts whatever `compression=` asked for (and which keeps frames in
 * order: the SDK decompresses asynchronously, so a compressed frame could
 * be overtaken by a later uncompressed one).
 */
import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Session } from '../protocol/server.ts';
import { readToken } from '../protocol/tokens.ts';
import { negotiateProtocol, V2_PROTOCOL, type WireProtocol } from '../protocol/wire.ts';
import { isOurDatabase, type ServeContext } from './context.ts';
import { bearer } from './identities.ts';

export type WebSocketEndpoint = {
  /** Terminates every socket, then stops the WebSocket server. */
  close(): Promise<void>;
};

type Handshake = { wire: WireProtocol; token: string | null | undefined; connectionId: bigint | undefined };

export function attachWebSocket(http: Server, ctx: ServeContext): WebSocketEndpoint {
  const sockets = new Set<WebSocket>();
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
    if (!isOurDatabase(ctx, m[1]!)) return refuse(404, `No such database: ${decodeURIComponent(m[1]!)}`);
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

    const wire = negotiateProtocol(offered) ?? V2_PROTOCOL;
    wss.handleUpgrade(req, socket, head, ws => serveSocket(ws, { wire, token, connectionId }));
  });

  const serveSocket = (ws: WebSocket, { wire, token, connectionId }: Handshake): void => {
    const { protocol, log } = ctx;
    sockets.add(ws);
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
  };

  return {
    close: async () => {
      for (const ws of sockets) ws.terminate();
      await new Promise<void>(resolve => wss.close(() => resolve()));
    },
  };
}

function toBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
