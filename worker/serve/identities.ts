/**
 * Tokens and identities for the HTTP and WebSocket endpoints: the bearer
 * token of a request, fresh anonymous tokens, and short-lived connections
 * for HTTP calls (upstream `with_connection`).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Database } from '../engine/database.ts';
import { identityFromClaims } from '../engine/identity.ts';
import { claimsFor, mintToken, readToken } from '../protocol/tokens.ts';

export type Caller = { identity: bigint; connectionId: bigint };
export type WithConnectionResult<T> = { ok: true; value: T } | { ok: false; message: string };

export type Identities = {
  /** A new anonymous identity's token. */
  newToken(): string;
  identityOfToken(token: string): bigint | undefined;
  /** A token for the database owner (SQL writes, private reducers). */
  ownerToken: string;
  /** Runs `fn` as a short-lived connection of `token`'s identity (upstream `with_connection`). */
  withConnection<T>(token: string, fn: (caller: Caller) => T): WithConnectionResult<T>;
};

/** The token in `Authorization: Bearer <token>`, if any. */
export function bearer(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  const m = h && /^Bearer\s+(.+)$/i.exec(h);
  return m ? m[1]!.trim() : undefined;
}

export function createIdentities(db: Database, newSubject: () => string): Identities {
  const nowSeconds = () => Math.floor(Date.now() / 1000);
  return {
    newToken: () => mintToken(claimsFor(newSubject(), nowSeconds())),
    identityOfToken(token) {
      const c = readToken(token);
      return c ? identityFromClaims(c.iss, c.sub) : undefined;
    },
    ownerToken: mintToken(claimsFor('owner', nowSeconds())),
    withConnection(token, fn) {
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
    },
  };
}
