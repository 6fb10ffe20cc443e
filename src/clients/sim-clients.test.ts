/**
 * Simulated clients end to end without a browser: real SDK connections over
 * MessagePorts to a host in this process, the Kanban sample's visibility
 * filter in their caches, and SDK calls journaled as inputs a fresh host
 * replays (after which clients take their connections over again); each
 * client's event stream as its SDK reported it, reducer calls through its
 * own connection, a second tab of one identity, and going offline and back.
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
const state = (clients: SimClients, name: string) => clients.list().find(c => c.name === name);
const types = (clients: SimClients, name: string) => clients.events(name).map(e => e.type);

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

  it('streams what each SDK saw, calls reducers through a client, opens a second tab and goes offline and back', async () => {
    const a = await openHost();
    const published = await a.host.publish(KANBAN, 'index.ts');
    if (!published.ok) throw new Error(published.error.message);
    const form = (name: string) => published.forms.find(f => f.name === name)!;
    a.clients.setBindings(await a.bind());
    a.clients.add({ name: 'alice', queries: QUERIES, connected: true });
    a.clients.add({ name: 'bob', queries: QUERIES, connected: true });
    await waitFor(() => online(a.clients, 'alice') && online(a.clients, 'bob'), 'both online');
    await waitFor(() => types(a.clients, 'alice').filter(t => t === 'applied').length === 2, 'alice subscribed');
    expect(a.clients.events('alice')[0]).toMatchObject({ type: 'connected', identity: state(a.clients, 'alice')!.identity });

    expect(await a.clients.callReducer('alice', form('create_board'), { name: 'Launch' })).toEqual({ status: 'ok' });
    expect(a.host.callReducer('create_board', '{"name":"Bugs"}', 'bob')).toMatchObject({ ok: true });
    await waitFor(() => boards(a.clients, 'bob').length === 1, "bob's board");
    // alice's own call is named; bob's board never reaches her (the visibility filter), so her stream has no update for it.
    const aliceTx = a.clients.events('alice').filter(e => e.type === 'tx');
    expect(aliceTx).toMatchObject([{ reducer: 'create_board', tables: { board: { inserts: 1 } } }]);
    expect(a.clients.events('alice').find(e => e.type === 'call')).toMatchObject({ reducer: 'create_board', result: { status: 'ok' } });
    // bob's board came from the UI, not his SDK: to his SDK it is someone else's transaction.
    expect(a.clients.events('bob').filter(e => e.type === 'tx')).toMatchObject([{ reducer: null, tables: { board: { inserts: 1 } } }]);

    const refused = await a.clients.callReducer('alice', form('move_card'), { card_id: 999, state: 'done' });
    expect(refused.status).toBe('error');
    expect(a.clients.events('alice').at(-1)).toMatchObject({ type: 'call', reducer: 'move_card', result: { status: 'error' } });

    const tab = a.clients.openTab('alice')!;
    expect(tab).toBe('alice (tab 2)');
    await waitFor(() => online(a.clients, tab), 'second tab online');
    expect(state(a.clients, tab)).toMatchObject({ identity: state(a.clients, 'alice')!.identity, tabOf: 'alice' });
    expect(state(a.clients, tab)!.connectionId).not.toBe(state(a.clients, 'alice')!.connectionId);
    expect(a.host.clients().find(c => c.name === 'alice')?.connections).toHaveLength(2);
    await waitFor(() => boards(a.clients, tab).length === 1, "the tab's cache");
    expect(a.clients.specs().find(s => s.name === tab)).toEqual({ name: tab, queries: QUERIES, connected: true, tabOf: 'alice' });

    a.clients.disconnect('bob');
    await waitFor(() => state(a.clients, 'bob')?.status === 'offline', 'bob offline');
    expect(boards(a.clients, 'bob')).toEqual([]);
    expect(state(a.clients, 'bob')).toMatchObject({ queries: QUERIES, connected: false });
    a.clients.connect('bob');
    await waitFor(() => boards(a.clients, 'bob').length === 1, "bob's board back");
    expect(types(a.clients, 'bob').filter(t => t === 'connected' || t === 'disconnected')).toEqual(['connected', 'disconnected', 'connected']);
  });
});
