/**
 * The page end of a simulated client's socket: a `withWSFn` factory whose
 * adapter (the SDK's `WebSocketAdapter`) sends protocol frames over a
 * MessagePort to the engine's protocol server in the Worker. `onopen` fires
 * when the worker accepted the connection, always after the factory's
 * promise resolved, as the SDK expects.
 */
import type { PortMessage } from '../../worker/api.ts';

/** What the SDK passes to a `withWSFn` factory (sdk/ws.ts). */
type SocketArgs = { wsProtocol: string[] };

type Handlers = {
  onopen?: () => void;
  onmessage?: (ev: { data: Uint8Array }) => void;
  onclose?: (ev: CloseEvent) => void;
  onerror?: (ev: ErrorEvent) => void;
};

export type Attach = (port: MessagePort, protocols: string[]) => Promise<{ ok: true } | { ok: false; error: { message: string } }>;

const CONNECTING = 0;
const OPEN = 1;
const CLOSED = 3;

/** `attach` hands the worker its end of the channel; `onSend` runs after each frame (the watchdog pings then). */
export function createPortSocketFactory(attach: Attach, onSend: () => void = () => {}) {
  return async (args: SocketArgs) => {
    const { port1, port2 } = new MessageChannel();
    const handlers: Handlers = {};
    let state = CONNECTING;
    let protocol = args.wsProtocol[0] ?? '';
    const close = (code: number, reason: string) => {
      if (state === CLOSED) return;
      state = CLOSED;
      port1.close();
      // Plain objects: the SDK reads nothing else, and Node (tests) has no CloseEvent/ErrorEvent.
      handlers.onclose?.({ code, reason, wasClean: code === 1000 } as CloseEvent);
    };
    const receive = (ev: MessageEvent<PortMessage>) => {
      const m = ev.data;
      if (m.type === 'open') {
        state = OPEN;
        protocol = m.protocol;
        handlers.onopen?.();
      } else if (m.type === 'frame') handlers.onmessage?.({ data: m.data });
      else if (m.type === 'error') handlers.onerror?.({ message: m.message, error: new Error(m.message) } as ErrorEvent);
      else close(m.code, m.reason);
    };
    const attached = await attach(port2, args.wsProtocol);
    if (!attached.ok) throw new Error(attached.error.message);
    // Listen (which starts the port) only now: the SDK sets its handlers once this resolves, and
    // the engine's 'open' may come before the reply to `attach` (they travel on different ports).
    port1.onmessage = receive;
    return {
      get protocol() {
        return protocol;
      },
      get readyState() {
        return state;
      },
      send(data: Uint8Array) {
        if (state !== OPEN) return;
        port1.postMessage({ type: 'frame', data } satisfies PortMessage);
        onSend();
      },
      close() {
        if (state === CLOSED) return;
        port1.postMessage({ type: 'close', code: 1000, reason: '' } satisfies PortMessage);
        close(1000, '');
      },
      set onopen(f: Handlers['onopen']) { handlers.onopen = f; },
      set onmessage(f: Handlers['onmessage']) { handlers.onmessage = f; },
      set onclose(f: Handlers['onclose']) { handlers.onclose = f; },
      set onerror(f: Handlers['onerror']) { handlers.onerror = f; },
    };
  };
}
