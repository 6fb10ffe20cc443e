/**
 * Test helpers that drive the real SDK (`DbConnection` from bindings our
 * generator writes) against the playground: writes the bindings under
 * `node_modules/.cache` (so `import 'spacetimedb'` resolves), imports them,
 * connects clients and waits for what they see. Node only (tests).
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Identity } from 'spacetimedb';
import { generateTypeScript } from '../codegen/typescript.ts';
import type { ModuleSchema } from '../module/schema-types.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The parts of the SDK's API the tests use, loosely typed (the bindings are imported at run time). */
export type Row = Record<string, unknown>;
export type EventCtx = { event: { tag: string; value?: unknown } };
export type ClientTable = {
  count(): number | bigint;
  iter(): Iterable<Row>;
  onInsert(cb: (ctx: EventCtx, row: Row) => void): void;
  onDelete(cb: (ctx: EventCtx, row: Row) => void): void;
  onUpdate?(cb: (ctx: EventCtx, oldRow: Row, newRow: Row) => void): void;
};
export type SubscriptionHandle = {
  unsubscribe(): void;
  unsubscribeThen(onEnd: (ctx: unknown) => void): void;
  isActive(): boolean;
  isEnded(): boolean;
};
export type SubscriptionBuilder = {
  onApplied(cb: (ctx: unknown) => void): SubscriptionBuilder;
  onError(cb: (ctx: unknown, error: Error) => void): SubscriptionBuilder;
  subscribe(queries: string | string[]): SubscriptionHandle;
};
export type Conn = {
  db: Record<string, ClientTable>;
  reducers: Record<string, (args: Record<string, unknown>) => Promise<void>>;
  procedures: Record<string, (args: Record<string, unknown>) => Promise<unknown>>;
  subscriptionBuilder(): SubscriptionBuilder;
  disconnect(): void;
  isActive: boolean;
  identity?: Identity;
  token?: string;
};
export type Builder = {
  withUri(uri: string): Builder;
  withDatabaseName(name: string): Builder;
  withToken(token?: string): Builder;
  withWSFn(fn: unknown): Builder;
  withCompression(c: 'gzip' | 'brotli' | 'none'): Builder;
  onConnect(cb: (conn: Conn, identity: Identity, token: string) => void): Builder;
  onConnectError(cb: (ctx: unknown, error: Error) => void): Builder;
  onDisconnect(cb: (ctx: unknown, error?: Error) => void): Builder;
  build(): Conn;
};
export type Bindings = { DbConnection: { builder(): Builder } };

/** Generates bindings for `schema` into `node_modules/.cache/spacetime-playground/bindings/<key>` and imports them. */
export async function loadBindings(schema: ModuleSchema, key: string): Promise<Bindings> {
  const dir = join(ROOT, 'node_modules', '.cache', 'spacetime-playground', 'bindings', key);
  await rm(dir, { recursive: true, force: true });
  for (const f of generateTypeScript(schema)) {
    const path = join(dir, f.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, f.code);
  }
  return (await import(pathToFileURL(join(dir, 'index.ts')).href)) as Bindings;
}

export type Client = {
  conn: Conn;
  identity: Identity;
  token: string;
  /** Errors the SDK reported after connecting (onDisconnect's error). */
  disconnected: Promise<Error | undefined>;
};

/**
 * Builds a connection and waits for `onConnect`. Rejects on `onConnectError`,
 * or on `onDisconnect` before connecting (a dropped socket without an error event).
 */
export function connect(configure: () => Builder, token?: string, timeoutMs = 5000): Promise<Client> {
  return new Promise((resolvePromise, reject) => {
    let onDisconnect: (e: Error | undefined) => void = () => {};
    const disconnected = new Promise<Error | undefined>(r => (onDisconnect = r));
    let connected = false;
    const timer = setTimeout(() => reject(new Error('timed out waiting for onConnect')), timeoutMs);
    configure()
      .withToken(token)
      .onConnect((conn, identity, tok) => {
        clearTimeout(timer);
        connected = true;
        resolvePromise({ conn, identity, token: tok, disconnected });
      })
      .onConnectError((_ctx, e) => {
        clearTimeout(timer);
        reject(e);
      })
      .onDisconnect((_ctx, e) => {
        onDisconnect(e);
        if (!connected) {
          clearTimeout(timer);
          reject(e ?? new Error('disconnected before InitialConnection'));
        }
      })
      .build();
  });
}

/** Subscribes and waits for `onApplied` (rejects on `onError`). */
export function subscribe(conn: Conn, queries: string[], timeoutMs = 5000): Promise<SubscriptionHandle> {
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out subscribing to ${queries.join('; ')}`)), timeoutMs);
    const handle = conn
      .subscriptionBuilder()
      .onApplied(() => {
        clearTimeout(timer);
        resolvePromise(handle);
      })
      .onError((_ctx, e) => {
        clearTimeout(timer);
        reject(e);
      })
      .subscribe(queries);
  });
}

/** Polls until `check` returns something other than undefined/false. */
export async function waitFor<T>(check: () => T | undefined | false, what = 'condition', timeoutMs = 5000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 5));
  }
}

export const rowsOf = (table: ClientTable): Row[] => [...table.iter()];
