/**
 * Simulated clients end to end without a browser: real SDK connections over
 * MessagePorts to a host in this process, the Kanban sample's visibility
 * filter in their caches, and SDK calls journaled as inputs a fresh host
 * replays (after which clients take their connections over again).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createHost, type HostEvent, type Input } from '../../worker/api.ts';
// The test needs esbuild in Node; the page itself only ever reaches the engine through src/host.ts.
// eslint-disable-next-line no-restricted-imports
import { esbuild, loadPrelude } from '../../worker/node/esbuild.ts';
import { evaluateBindings } from './bindings.ts';
import { sdkValueText } from './sdk-values.ts';
import { createSimClients, type SimClients } from './sim-clients.ts';

const sources = import.meta.glob<string>('../../samples/kanban/*.ts', { query: '?raw', import: 'default', eager: true });
const KANBAN = Object.fromEntries(Object.entries(sources).map(([path, text]) => [path.split('/').at(-1)!, text]));
const QUERIES = ['SELECT * FROM board', 'SELECT * FROM card'];

async function waitFor<T>(check: () => T | undefined | false, what: string): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const v = check();
    if (v !== undefined && v !== false) return v;
    await new Promise(r => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function openHost() {
  const host = createHost({ esbuild, prelude: await loadPrelude() });
  const events: HostEvent[] = [];
  host.onEvent(e => events.push(e));
  await host.init();
  const clients = createSimClients({
    attach: (name, port, opts) => host.attachClient(name, port as never, opts),
    ping: () => {},
  });
  const bind = async () => {
    const b = await host.bindings();
    if (!b.ok) throw new Error(b.error.message);
    return evaluateBindings(b.code);
  };
  return { host, events, clients, bind };
}

const boards = (clients: SimClients, name: string) => clients.cache(name, 'board').map(r => sdkValueText(r.name)).sort();
const online = (clients: SimClients, name: string) => clients.list().find(c => c.name === name)?.status === 'online';

afterAll(() => esbuild.stop());

describe('simulated clients', () => {
  it('see only the boards the visibility filter allows, and survive a replay into a fresh host', async () => {
    const a = await openHost();
    const published = await a.host.publish(KANBAN, 'index.ts');
    if (!published.ok) throw new Error(published.error.message);
    a.clients.setBindings(await a.bind());
    a.clients.add({ name: 'alice', queries: QUERIES, connected: true });
    a.clients.add({ name: 'bob', queries: QUERIES, connected: true });
    await waitFor(() => online(a.clients, 'alice') && online(a.clients, 'bob'), 'both online');
    expect(a.host.callReducer('create_board', '{"name":"Launch"}', 'alice')).toMatchObject({ ok: true, tx: { outcome: { status: 'committed' } } });
    expect(a.host.callReducer('create_board', '{"name":"Bugs"}', 'bob')).toMatchObject({ ok: true });
    await waitFor(() => boards(a.clients, 'alice').length === 1 && boards(a.clients, 'bob').length === 1, 'boards in caches');
    expect(boards(a.clients, 'alice')).toEqual(['Launch']);
    expect(boards(a.clients, 'bob')).toEqual(['Bugs']);

    const inputs: Input[] = a.events.flatMap(e => (e.type === 'input' && e.entry.session === published.session ? [e.entry.input] : []));
    expect(inputs.map(i => i.kind)).toEqual(['publish', 'connect', 'connect', 'call', 'call']);

    const b = await openHost();
    const restored = await b.host.restore({ files: KANBAN, entry: 'index.ts', inputs });
    expect(restored.ok).toBe(true);
    expect(b.host.rows('user')).toEqual(a.host.rows('user'));
    b.clients.setBindings(await b.bind());
    for (const spec of a.clients.specs()) b.clients.add(spec, true);
    await waitFor(() => boards(b.clients, 'alice').length === 1 && boards(b.clients, 'bob').length === 1, 'resumed caches');
    expect(boards(b.clients, 'bob')).toEqual(['Bugs']);
    // Taking a connection over runs no clientConnected: nothing new was journaled.
    expect(b.events.filter(e => e.type === 'input')).toEqual([]);
    expect(b.host.clients().map(c => c.connections.length)).toEqual([1, 1]);

    b.clients.disconnect('bob');
    await waitFor(() => b.host.clients().find(c => c.name === 'bob')?.connections.length === 0, 'bob disconnected');
    expect(b.events.flatMap(e => (e.type === 'input' ? [e.entry.input.kind] : []))).toEqual(['disconnect']);
  });
});
