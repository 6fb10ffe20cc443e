/** What the HTTP routes and the WebSocket endpoint share: the database, its name and the identities. */
import type { Database } from '../engine/database.ts';
import { toHex } from '../engine/identity.ts';
import type { ProtocolServer } from '../protocol/server.ts';
import type { Identities } from './identities.ts';

export type ServeContext = {
  /** The database name clients pass to `withDatabaseName`. */
  name: string;
  db: Database;
  protocol: ProtocolServer;
  identities: Identities;
  log: (line: string) => void;
};

/** Whether a `/v1/database/{nameOrIdentity}` path segment names our database. */
export function isOurDatabase(ctx: ServeContext, nameOrIdentity: string): boolean {
  return decodeURIComponent(nameOrIdentity) === ctx.name || nameOrIdentity.toLowerCase() === toHex(ctx.db.databaseIdentity, 32).slice(2);
}
