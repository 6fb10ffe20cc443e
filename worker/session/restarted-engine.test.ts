import { readFile } from 'node:fs/promises';
import { afterAll, expect, it } from 'vitest';
import { createHost, type HostEvent, type Input } from '../api.ts';
import { esbuild, loadPrelude } from '../node/esbuild.ts';
import { createMemoryProjectStore } from './project-store.ts';

const CHAT = { 'index.ts': await readFile(new URL('../../samples/chat/index.ts', import.meta.url), 'utf8') };
afterAll(() => esbuild.stop());

it('an engine restarted in project "work" rewrites that project\'s journal and leaves the default project\'s alone', async () => {
  const projects = createMemoryProjectStore();
  const first = createHost({ esbuild, prelude: await loadPrelude(), projects });
  await first.init();
  await first.openProject('default');
  await first.publish(CHAT, 'index.ts');
  await first.openProject('work');
  const events: HostEvent[] = [];
  first.onEvent(e => events.push(e));
  await first.publish(CHAT, 'index.ts');
  first.connect('alice');
  await new Promise(resolve => setTimeout(resolve, 20));
  const inputs = events.flatMap((e): Input[] => (e.type === 'input' ? [e.entry.input] : []));
  const defaultBefore = await projects.loadJournal('default');

  // What the page's supervisor does after a watchdog restart or a Cancel.
  const restarted = createHost({ esbuild, prelude: await loadPrelude(), projects });
  await restarted.init('work');
  expect((await restarted.restore({ files: CHAT, entry: 'index.ts', inputs })).ok).toBe(true);
  restarted.connect('bob');
  await new Promise(resolve => setTimeout(resolve, 20));

  expect(await projects.loadJournal('default')).toEqual(defaultBefore);
  expect((await projects.loadJournal('work'))?.inputs.map(i => i.kind)).toEqual(['publish', 'connect', 'connect']);
});
