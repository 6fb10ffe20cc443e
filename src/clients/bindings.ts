/**
 * Evaluates the client bindings the engine generated for the published
 * module (one CommonJS script) against the page's copy of the real
 * `spacetimedb` SDK, and describes the loosely typed slice of the SDK the
 * simulated clients use.
 */
import * as sdk from 'spacetimedb';

export type SdkRow = Record<string, unknown>;
export type SdkEventCtx = { event: { tag: string; value?: unknown } };
export type SdkTable = {
  count(): number | bigint;
  iter(): Iterable<SdkRow>;
  onInsert(cb: (ctx: SdkEventCtx, row: SdkRow) => void): void;
  onDelete(cb: (ctx: SdkEventCtx, row: SdkRow) => void): void;
  onUpdate?(cb: (ctx: SdkEventCtx, oldRow: SdkRow, newRow: SdkRow) => void): void;
};
export type SdkSubscription = { unsubscribe(): void; isActive(): boolean; isEnded(): boolean };
export type SdkSubscriptionBuilder = {
  onApplied(cb: () => void): SdkSubscriptionBuilder;
  onError(cb: (ctx: unknown, error?: Error) => void): SdkSubscriptionBuilder;
  subscribe(queries: string | string[]): SdkSubscription;
};
export type SdkConnection = {
  db: Record<string, SdkTable>;
  /** `conn.reducers.addCard({ boardId, title })`: resolves once the call committed, rejects with its error. */
  reducers: Record<string, (params: object) => Promise<void>>;
  subscriptionBuilder(): SdkSubscriptionBuilder;
  disconnect(): void;
  isActive: boolean;
  identity?: { toHexString(): string };
  connectionId?: { toHexString(): string };
};
export type SdkBuilder = {
  withUri(uri: string): SdkBuilder;
  withDatabaseName(name: string): SdkBuilder;
  withWSFn(fn: unknown): SdkBuilder;
  withCompression(c: 'gzip' | 'brotli' | 'none'): SdkBuilder;
  onConnect(cb: (conn: SdkConnection, identity: { toHexString(): string }, token: string) => void): SdkBuilder;
  onConnectError(cb: (ctx: unknown, error: Error) => void): SdkBuilder;
  onDisconnect(cb: (ctx: unknown, error?: Error) => void): SdkBuilder;
  build(): SdkConnection;
};
export type Bindings = { DbConnection: { builder(): SdkBuilder } };

export function evaluateBindings(code: string): Bindings {
  const module = { exports: {} as unknown };
  const require = (id: string): unknown => {
    if (id === 'spacetimedb') return sdk;
    throw new Error(`the client bindings require "${id}", which the page does not provide`);
  };
  // The bindings are code the engine generated from the module's schema, run like any app's.
  new Function('require', 'module', 'exports', code)(require, module, module.exports);
  return module.exports as Bindings;
}

/** The SDK's accessor for table `name` (`board_viewer` → `boardViewer`). */
export function tableAccessor(conn: SdkConnection, name: string): SdkTable | undefined {
  const norm = (s: string) => s.replace(/_/g, '').toLowerCase();
  const key = Object.keys(conn.db).find(k => k === name || norm(k) === norm(name));
  return key === undefined ? undefined : conn.db[key];
}
