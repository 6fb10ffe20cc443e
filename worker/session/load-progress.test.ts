import { readFile } from 'node:fs/promises';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createHost, type HostEvent, type Input } from '../api.ts';
import { esbuild, loadPrelude } from '../node/esbuild.ts';

const CHAT = { 'index.ts': await readFile(new URL('../../samples/chat/index.ts', import.meta.url), 'utf8') };

async function openHost() {
  const host = createHost({ esbuild, prelude: await loadPrelude() });
  const events: HostEvent[] = [];
  host.onEvent(e => events.push(e));
  await host.init();
  return { host, events };
}

describe('journal replay progress', () => {
  afterAll(() => esbuild.stop());
  afterEach(() => vi.restoreAllMocks());

  it('streams how many inputs a restore has replayed, as progress events', async () => {
    const first = await openHost();
    await first.host.publish(CHAT, 'index.ts');
    first.host.connect('alice');
    for (let i = 0; i < 550; i++) first.host.callReducer('send_message', JSON.stringify([`m${i}`]), 'alice');
    const inputs = first.events.flatMap((e): Input[] => (e.type === 'input' ? [e.entry.input] : []));
    expect(inputs).toHaveLength(552);

    const fresh = await openHost();
    // Every clock read is a second later, so each slice of the replay is worth reporting.
    let now = Date.now();
    vi.spyOn(Date, 'now').mockImplementation(() => (now += 1000));
    expect((await fresh.host.restore({ files: CHAT, entry: 'index.ts', inputs })).ok).toBe(true);

    const progress = fresh.events.filter(e => e.type === 'progress');
    expect(progress).toEqual([
      { type: 'progress', task: 'replay', done: 256, total: 552 },
      { type: 'progress', task: 'replay', done: 512, total: 552 },
    ]);
    expect(fresh.host.rows('message')).toMatchObject({ ok: true, total: 550 });
  });

  it('reports nothing for a journal short enough to replay in one slice', async () => {
    const first = await openHost();
    await first.host.publish(CHAT, 'index.ts');
    first.host.connect('alice');
    const inputs = first.events.flatMap((e): Input[] => (e.type === 'input' ? [e.entry.input] : []));
    const fresh = await openHost();
    let now = Date.now();
    vi.spyOn(Date, 'now').mockImplementation(() => (now += 1000));
    await fresh.host.restore({ files: CHAT, entry: 'index.ts', inputs });
    expect(fresh.events.filter(e => e.type === 'progress')).toEqual([]);
  });
});
