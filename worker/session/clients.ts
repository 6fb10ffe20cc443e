import type { Caller, ConnectedClient } from '../engine/database.ts';
import {
  connectionIdFor,
  identityFromClaims,
  LOCAL_ISSUER,
  toHex,
} from '../engine/identity.ts';

/** A simulated client as the UI lists it. */
export type ClientView = {
  name: string;
  /** `0x` + 64 hex digits. */
  identity: string;
  /** Open connections, oldest first (`0x` + 32 hex digits each). */
  connections: string[];
};

type Client = {
  name: string;
  identity: bigint;
  connections: bigint[];
  /** Connections ever opened: the next connection id derives from it. */
  opened: number;
};

/**
 * Simulated clients by name. A name always maps to the same identity and
 * its n-th connection to the same connection id, so replaying the same
 * connects yields the same ids.
 */
export function createClients() {
  const byName = new Map<string, Client>();

  const get = (name: string): Client => {
    let c = byName.get(name);
    if (!c) {
      const identity = identityFromClaims(LOCAL_ISSUER, name);
      c = { name, identity, connections: [], opened: 0 };
      byName.set(name, c);
    }
    return c;
  };

  return {
    /** The next connection of `name`, with the JWT payload SpacetimeDB's local issuer would sign. */
    nextConnection(name: string): ConnectedClient {
      const c = get(name);
      const connectionId = connectionIdFor(name, c.opened++);
      const jwtPayload = JSON.stringify({
        hex_identity: toHex(c.identity, 32).slice(2),
        sub: name,
        iss: LOCAL_ISSUER,
        aud: ['spacetimedb'],
      });
      return { identity: c.identity, connectionId, jwtPayload };
    },
    opened(name: string, connectionId: bigint): void {
      get(name).connections.push(connectionId);
    },
    /** Removes and returns the newest connection of `name`. */
    closeLatest(name: string): bigint | undefined {
      return byName.get(name)?.connections.pop();
    },
    /** The caller for `name`'s newest connection, if it has one. */
    caller(name: string): Caller | undefined {
      const c = byName.get(name);
      const connectionId = c?.connections.at(-1);
      return c && connectionId !== undefined ? { identity: c.identity, connectionId } : undefined;
    },
    nameOf(identity: bigint): string | undefined {
      for (const c of byName.values()) if (c.identity === identity) return c.name;
      return undefined;
    },
    hexOf(name: string): string | undefined {
      const c = byName.get(name);
      return c && toHex(c.identity, 32);
    },
    list(): ClientView[] {
      return [...byName.values()].map(c => ({
        name: c.name,
        identity: toHex(c.identity, 32),
        connections: c.connections.map(id => toHex(id, 16)),
      }));
    },
  };
}

export type Clients = ReturnType<typeof createClients>;
