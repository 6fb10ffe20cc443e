/**
 * The worker end of a simulated client's socket: the page's SDK
 * `DbConnection` talks through a MessagePort (one per client), whose frames
 * are fed to the session's protocol server through the in-page transport.
 * Messages on the port, both ways, are `PortMessage`s.
 */
import { toHex } from '../engine/identity.ts';
import { createInPageSocketFactory } from '../protocol/in-page-socket.ts';
import { claimsFor, mintToken } from '../protocol/tokens.ts';
import type { Session } from './session.ts';

export type PortMessage =
  /** The connection was accepted; `protocol` is the subprotocol the server chose. */
  | { type: 'open'; protocol: string }
  | { type: 'frame'; data: Uint8Array }
  | { type: 'close'; code: number; reason: string }
  | { type: 'error'; message: string };

/** The port's owner: a MessagePort in the browser, anything alike in tests. */
export type PortLike = {
  postMessage(message: PortMessage): void;
  onmessage: ((ev: MessageEvent<PortMessage>) => void) | null;
  close(): void;
};

export type AttachOptions = {
  /** Subprotocols the SDK offered. */
  protocols: string[];
  /** Take over a connection of this client that has no socket (it survived a restart). */
  resume: boolean;
};

/** A connection of `name` that is open in the database but held by no socket. */
function orphanOf(session: Session, name: string): bigint | undefined {
  return session.clients.connectionsOf(name).find(id => !session.server.sessions.has(id));
}

export async function attachPort(session: Session, name: string, port: PortLike, opts: AttachOptions): Promise<void> {
  const orphan = opts.resume ? orphanOf(session, name) : undefined;
  if (orphan !== undefined) session.adopt(orphan);
  const connectionId = orphan ?? session.clients.peekConnectionId(name);
  const url = new URL(`ws://playground/v1/database/playground/subscribe?connection_id=${toHex(connectionId, 16).slice(2)}`);
  const token = mintToken(claimsFor(name, Number(session.db.now() / 1_000_000n)));
  const socket = await createInPageSocketFactory(session.server)({ url, wsProtocol: opts.protocols, authToken: token });
  let open = true;
  socket.onopen = () => port.postMessage({ type: 'open', protocol: socket.protocol });
  socket.onmessage = ev => port.postMessage({ type: 'frame', data: ev.data });
  socket.onerror = e => port.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  socket.onclose = ev => {
    if (!open) return;
    open = false;
    port.postMessage({ type: 'close', code: ev.code, reason: ev.reason });
    port.close();
  };
  port.onmessage = ev => {
    const m = ev.data;
    if (m.type === 'frame') socket.send(m.data);
    else if (m.type === 'close') socket.close();
  };
}
