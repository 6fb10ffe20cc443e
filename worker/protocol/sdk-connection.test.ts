/**
 * The real SDK against the playground, over the in-page transport and over
 * `serve`'s WebSockets: connecting, identities and tokens, reconnecting,
 * clientDisconnected; and the in-page socket's early disconnect.
 */
import { describe, expect, it } from 'vitest';
import { createRealClock } from '../engine/clock.ts';
import { openDatabase } from '../engine/database.ts';
import { connect, rowsOf, subscribe, waitFor } from '../serve/sdk-test-kit.ts';
import { createInPageSocketFactory } from './in-page-socket.ts';
import { bindingsFor, hex, identityHex, TRANSPORTS, useHarness, useModule } from './sdk-harness.ts';
import { createProtocolServer } from './server.ts';

const chat = useModule('chat', 'sdk-connection-chat');

describe.each(TRANSPORTS)('the SDK over $name', transport => {
  const { open } = useHarness(transport, chat, 'chat');

  it('connects: onConnect gives the identity and a token; the same token reconnects as the same identity', async () => {
    const alice = await open();
    expect(hex(alice)).toMatch(/^c200[0-9a-f]{60}$/);
    expect(alice.token.split('.')).toHaveLength(3);
    expect(alice.conn.identity?.toHexString()).toBe(hex(alice));

    const again = await open(alice.token);
    expect(hex(again)).toBe(hex(alice));
    expect(again.token).toBe(alice.token);

    const other = await open();
    expect(hex(other)).not.toBe(hex(alice));
  });

  it('runs clientDisconnected when a client leaves: the others see it go offline; it comes back with its token', async () => {
    const erin = await open();
    const frank = await open();
    await subscribe(erin.conn, ['SELECT * FROM user']);
    const frankRow = () => rowsOf(erin.conn.db.user!).find(u => identityHex(u) === hex(frank));
    expect(frankRow()).toMatchObject({ online: true });
    frank.conn.disconnect();
    await frank.disconnected;
    await waitFor(() => frankRow()?.online === false, 'frank offline');
    const back = await open(frank.token);
    expect(hex(back)).toBe(hex(frank));
    await waitFor(() => frankRow()?.online === true, 'frank online again');
  });
});

describe('the in-page socket', () => {
  it('never connects a client that disconnects before the socket opened (React StrictMode mounts twice)', async () => {
    const db = openDatabase({ prelude: chat().prelude, code: chat().code, clock: createRealClock() });
    db.publish();
    const server = createProtocolServer(db);
    const factory = createInPageSocketFactory(server);
    const builder = () => bindingsFor(chat().code).DbConnection.builder().withUri('ws://in-page').withDatabaseName('x').withWSFn(factory);
    let disconnected = 0;
    const early = builder().onDisconnect(() => disconnected++).build();
    early.disconnect();
    const kept = await connect(builder);
    await waitFor(() => disconnected === 1, 'the early connection to close');
    expect(server.sessions.size).toBe(1);
    const online = db.sql('SELECT * FROM user WHERE online = true');
    expect(online.ok && online.value.rows).toHaveLength(1);
    kept.conn.disconnect();
  });
});
