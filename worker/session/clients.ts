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
export type CarriedClient = { name: string; opened: number; connections: bigint[] };

/** A connection as the database registers it, with the JWT payload SpacetimeDB's local issuer would sign. */
function connected(c: Client, connectionId: bigint): ConnectedClient {
  const jwtPayload = JSON.stringify({ hex_identity: toHex(c.identity, 32).slice(2), sub: c.name, iss: LOCAL_ISSUER, aud: ['spacetimedb'] });
  return { identity: c.identity, connectionId, jwtPayload };
}

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
    /** The id `nextConnection(name)` will hand out, without taking it. */
    peekConnectionId(name: string): bigint {
      return connectionIdFor(name, get(name).opened);
    },
    /** The next connection of `name` (or the given id), with the JWT payload SpacetimeDB's local issuer would sign. */
    nextConnection(name: string, id?: bigint): ConnectedClient {
      const c = get(name);
      const connectionId = id ?? connectionIdFor(name, c.opened);
      c.opened++;
      return connected(c, connectionId);
    },
    /** Every client with its open connections and how many it ever opened (what a new module version carries over). */
    export: (): CarriedClient[] => [...byName.values()].map(c => ({ name: c.name, opened: c.opened, connections: [...c.connections] })),
    /** Takes over clients `export` returned; their connections as the database registers them. */
    import(list: readonly CarriedClient[]): ConnectedClient[] {
      return list.flatMap(x => {
        const c = get(x.name);
        c.opened = x.opened;
        c.connections = [...x.connections];
        return c.connections.map(id => connected(c, id));
      });
    },
    opened(name: string, connectionId: bigint): void {
      get(name).connections.push(connectionId);
    },
    /** Removes and returns connection `id` of `name`, or its newest one. */
    close(name: string, id?: bigint): bigint | undefined {
      const list = byName.get(name)?.connections;
      if (!list) return undefined;
      if (id === undefined) return list.pop();
      const i = list.indexOf(id);
      return i < 0 ? undefined : list.splice(i, 1)[0];
    },
    /** The caller for connection `id` of `name` (its newest when no id), if open. */
    caller(name: string, id?: bigint): Caller | undefined {
      const c = byName.get(name);
      const connectionId = id === undefined ? c?.connections.at(-1) : c?.connections.find(x => x === id);
      return c && connectionId !== undefined ? { identity: c.identity, connectionId } : undefined;
    },
    /** The client holding connection `id`. */
    nameOfConnection(id: bigint): string | undefined {
      for (const c of byName.values()) if (c.connections.includes(id)) return c.name;
      return undefined;
    },
    /** Open connections of `name`, oldest first. */
    connectionsOf(name: string): bigint[] {
      return [...(byName.get(name)?.connections ?? [])];
    },
    nameOf(identity: bigint): string | undefined {
      for (const c of byName.values()) if (c.identity === identity) return c.name;
      return undefined;
    },
    identityOf(name: string): bigint {
      return get(name).identity;
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
