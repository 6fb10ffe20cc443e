/**
 * An in-process transport for `DbConnection.builder().withWSFn(...)`: the SDK
 * gets a WebSocket-like adapter whose frames go straight to the protocol
 * server, untagged and uncompressed (bindings-typescript sdk/ws.ts
 * `WebSocketAdapter`, sdk/websocket_test_adapter.ts). Delivery is
 * asynchronous in both directions, as over a socket; `onopen` fires after the
 * factory's promise has resolved (the SDK assigns its handlers then).
 */
import { negotiateProtocol, V2_PROTOCOL } from './wire.ts';
import type { ProtocolServer, Session } from './server.ts';

type Handlers = {
  onopen?: () => void;
  onmessage?: (ev: { data: Uint8Array }) => void;
  onclose?: (ev: { code: number; reason: string; wasClean: boolean }) => void;
  onerror?: (ev: unknown) => void;
};

/** What the SDK passes to a `withWSFn` factory (sdk/ws.ts `WebSocketArgs`). */
export type WebSocketArgs = { url: URL; wsProtocol: string | string[]; authToken?: string };

/** Hop to a fresh task, so nothing runs inside the caller's stack (as a socket would). */
const later = (fn: () => void): void => void Promise.resolve().then(fn);

export function createInPageSocketFactory(server: ProtocolServer) {
  return async (args: WebSocketArgs) => {
    const offered = Array.isArray(args.wsProtocol) ? args.wsProtocol : [args.wsProtocol];
    const protocol = negotiateProtocol(offered) ?? V2_PROTOCOL;
    const param = args.url.searchParams.get('connection_id');
    const connectionId = param && /^[0-9a-fA-F]{1,32}$/.test(param) ? BigInt('0x' + param) : undefined;
    let session: Session | undefined;
    let closed = false;
    const handlers: Handlers = {};
    const fireClose = (code: number) => {
      if (closed) return;
      closed = true;
      later(() => handlers.onclose?.({ code, reason: '', wasClean: code === 1000 }));
    };
    const adapter = {
      protocol,
      get readyState() {
        return closed ? 3 : session ? 1 : 0;
      },
      send(data: Uint8Array) {
        if (closed || !session) return;
        const frame = data.slice();
        const s = session;
        later(() => {
          if (!closed) server.receive(s, frame);
        });
      },
      close() {
        if (session && !closed) server.close(session);
        fireClose(1000);
      },
      set onopen(f: Handlers['onopen']) { handlers.onopen = f; },
      set onmessage(f: Handlers['onmessage']) { handlers.onmessage = f; },
      set onclose(f: Handlers['onclose']) { handlers.onclose = f; },
      set onerror(f: Handlers['onerror']) { handlers.onerror = f; },
    };
    // Accept once the SDK has attached its handlers (it does so in the factory promise's `then`).
    setTimeout(() => {
      // Closed before it opened (e.g. `conn.disconnect()` right after `build()`, as React StrictMode
      // does): never connect, or clientConnected would run for a session nobody closes.
      if (closed) return;
      const r = server.accept({
        protocol,
        ...(args.authToken ? { token: args.authToken } : {}),
        ...(connectionId !== undefined ? { connectionId } : {}),
        transport: {
          send: frame => later(() => !closed && handlers.onmessage?.({ data: frame })),
          close: () => fireClose(1000),
        },
      });
      if (!r.ok) {
        // upstream drops the socket without a message when clientConnected refuses: error, then close 1006.
        handlers.onerror?.(new Error(r.error));
        fireClose(1006);
        return;
      }
      session = r.session;
      handlers.onopen?.();
    }, 0);
    return adapter;
  };
}
