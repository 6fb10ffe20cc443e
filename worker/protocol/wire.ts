/**
 * The SDK protocol's bytes (bindings-typescript src/sdk/client_api/types.ts,
 * upstream client-api-messages websocket v2/v3): v2 sends one BSATN message
 * per frame; v3 frames concatenate several messages of the same v2 types.
 * Encoded with the library's own types, so the SDK decodes exactly what the
 * real server sends.
 */
import { BinaryReader, BinaryWriter } from 'spacetimedb';
import { ClientMessage, ServerMessage } from '../generated/client-api.gen.ts';

export const V2_PROTOCOL = 'v2.bsatn.spacetimedb';
export const V3_PROTOCOL = 'v3.bsatn.spacetimedb';
export type WireProtocol = typeof V2_PROTOCOL | typeof V3_PROTOCOL;

export type ClientMessageValue = ClientMessage;
export type ServerMessageValue = ServerMessage;

/** Picks the protocol the server prefers among those the client offers (v3, then v2). */
export function negotiateProtocol(offered: readonly string[]): WireProtocol | undefined {
  if (offered.includes(V3_PROTOCOL)) return V3_PROTOCOL;
  if (offered.includes(V2_PROTOCOL)) return V2_PROTOCOL;
  return undefined;
}

const writer = new BinaryWriter(1024);

export function encodeServerMessage(msg: ServerMessage): Uint8Array {
  writer.clear();
  ServerMessage.serialize(writer, msg);
  return writer.getBuffer().slice();
}

/** Concatenates server messages into one v3 frame (or returns the single v2 message). */
export function frameServerMessages(protocol: WireProtocol, encoded: Uint8Array[]): Uint8Array[] {
  if (protocol === V2_PROTOCOL || encoded.length <= 1) return encoded;
  const size = encoded.reduce((n, m) => n + m.length, 0);
  const out = new Uint8Array(size);
  let offset = 0;
  for (const m of encoded) {
    out.set(m, offset);
    offset += m.length;
  }
  return [out];
}

/** Decodes one client frame into its messages (v3 frames may carry several; an empty v3 frame is an error). */
export function decodeClientFrame(protocol: WireProtocol, frame: Uint8Array): ClientMessage[] {
  const reader = new BinaryReader(frame);
  const out: ClientMessage[] = [];
  if (protocol === V3_PROTOCOL && frame.length === 0) throw new RangeError('empty v3 frame');
  do {
    out.push(ClientMessage.deserialize(reader) as ClientMessage);
  } while (protocol === V3_PROTOCOL && reader.offset < frame.length);
  if (reader.offset !== frame.length) throw new RangeError(`${frame.length - reader.offset} trailing bytes after a client message`);
  return out;
}

/** Decodes server frames (tests and the in-page inspector). */
export function decodeServerFrame(protocol: WireProtocol, frame: Uint8Array): ServerMessage[] {
  const reader = new BinaryReader(frame);
  const out: ServerMessage[] = [];
  do {
    out.push(ServerMessage.deserialize(reader) as ServerMessage);
  } while (protocol === V3_PROTOCOL && reader.offset < frame.length);
  return out;
}
