import { expect, test, type Page, type Request } from '@playwright/test';
import { deflateSync, strToU8 } from 'fflate';
import { openPlayground, publishStatus, reducerForm, rightTab, shot, waitForSeed } from './fixtures.ts';

const PORT = Number(process.env.E2E_PORT ?? 4173);
const SAME_ORIGIN_SCRIPT = `http://127.0.0.1:${PORT}/x.js`;
const OTHER_ORIGIN = `http://localhost:${PORT}/x.js`;

/**
 * A hostile module: it tries every way out of the engine in `init`, in a
 * reducer and in promise callbacks (which run after the module's call has
 * returned), remembers each outcome, and `report` writes them to a table.
 */
const HOSTILE = `import { schema, table, t } from 'spacetimedb/server';

const probe = table(
  { name: 'probe', public: true },
  { name: t.string().primaryKey(), place: t.string(), blocked: t.bool(), outcome: t.string() }
);
const spacetimedb = schema({ probe });
export default spacetimedb;

const outcomes = new Map<string, [string, string]>();
const g = globalThis as any;
const describe = (e: unknown) => 'blocked: ' + String((e as Error)?.message ?? e).slice(0, 120);
const recordAt = (place: string, name: string, attempt: () => unknown) => {
  const set = (outcome: string) => outcomes.set(place + ' ' + name, [place, outcome]);
  try {
    const r: any = attempt();
    if (r && typeof r.then === 'function') {
      set('pending');
      r.then((v: unknown) => set('reached: ' + String(v)), (e: unknown) => set(describe(e)));
    } else set('reached: ' + String(r));
  } catch (e) {
    set(describe(e));
  }
};
const fromPrototypes = (name: string) => {
  for (let o = Object.getPrototypeOf(g); o; o = Object.getPrototypeOf(o)) {
    const d = Object.getOwnPropertyDescriptor(o, name);
    if (d) return d.get ? d.get.call(g) : d.value;
  }
  throw new Error('absent');
};

function tryEverything(where: string) {
  const record = (name: string, attempt: () => unknown) => recordAt(where, name, attempt);
  record('indexedDB.open', () => g.indexedDB.open('spacetime-playground'));
  record('indexedDB.deleteDatabase', () => g.indexedDB.deleteDatabase('spacetime-playground'));
  record('indexedDB via prototypes', () => fromPrototypes('indexedDB').deleteDatabase('spacetime-playground'));
  record('fetch same origin', () => g.fetch('/index.html').then((r: any) => r.status));
  record('fetch other origin', () => g.fetch('${OTHER_ORIGIN}').then((r: any) => r.status));
  record('fetch via prototypes', () => fromPrototypes('fetch').call(g, '/index.html').then((r: any) => r.status));
  record('XMLHttpRequest', () => { const x = new g.XMLHttpRequest(); x.open('GET', '/index.html', false); x.send(); return x.status; });
  record('WebSocket', () => new g.WebSocket('ws://127.0.0.1:${PORT}/'));
  record('importScripts', () => g.importScripts('${SAME_ORIGIN_SCRIPT}'));
  record('Function import', () => Function('return import("${SAME_ORIGIN_SCRIPT}")')());
  record('Function import other origin', () => Function('return import("${OTHER_ORIGIN}")')());
  record('AsyncFunction import', () => { const AsyncFunction: any = (async () => {}).constructor; return new AsyncFunction('return await import("${SAME_ORIGIN_SCRIPT}")')(); });
  record('module import()', () => { const url = '${SAME_ORIGIN_SCRIPT}'; return import(url); });
  record('postMessage to the page', () => g.postMessage('forged by ' + where));
  record('onmessage', () => { g.onmessage = () => {}; return typeof g.onmessage; });
  record('BroadcastChannel', () => new g.BroadcastChannel('spacetime-isolation').postMessage('forged by ' + where));
  record('caches', () => g.caches.open('x'));
  record('navigator.storage', () => g.navigator.storage.getDirectory());
  record('navigator.locks', () => g.navigator.locks.request('x', () => 1));
  record('Worker', () => new g.Worker('${SAME_ORIGIN_SCRIPT}'));
}

export const init = spacetimedb.init(() => {
  tryEverything('init');
  Promise.resolve().then(() => tryEverything('microtask'));
  (async () => { await Promise.resolve(); await Promise.resolve(); tryEverything('async'); })();
});

export const probe_reducer = spacetimedb.reducer(() => tryEverything('reducer'));

export const report = spacetimedb.reducer(ctx => {
  for (const [name, [place, outcome]] of outcomes) ctx.db.probe.insert({ name, place, blocked: outcome.startsWith('blocked: '), outcome });
});
`;

const PROBES = 20;
const PLACES = ['init', 'microtask', 'async', 'reducer'];

const sqlSummary = (page: Page) => page.getByRole('status', { name: 'SQL summary' });

/** Runs a query in the SQL panel, typed as a user would (the box may be a plain text area or a small Monaco editor). */
async function runSql(page: Page, text: string) {
  const box = page.getByRole('textbox', { name: 'SQL query', exact: true });
  await box.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(text);
  await page.keyboard.press('Escape');
  await box.press('ControlOrMeta+Enter');
}

/** A share link carrying the hostile module (src/share.ts's format: base64url of deflated JSON). */
function shareFragment(): string {
  const json = JSON.stringify({ name: 'Hostile', entry: 'index.ts', files: { 'index.ts': HOSTILE } });
  return `v1=${Buffer.from(deflateSync(strToU8(json), { level: 9 })).toString('base64url')}`;
}

test('a hostile shared module reaches no storage, network or page, and the other project survives', async ({ context, page }) => {
  await openPlayground(page);
  await waitForSeed(page);
  await page.close();

  // Anything the engine posts on the Worker's own channel, or on a BroadcastChannel, would be forged.
  await context.addInitScript(() => {
    // Runs in the page; e2e/ compiles without the DOM library, hence the local types.
    type Data = { data: unknown };
    const w = globalThis as unknown as Record<string, unknown> & { Worker: new (url: string | URL, o?: { name?: string }) => EventTarget };
    const forged: string[] = [];
    w.__forged = forged;
    const Original = w.Worker;
    w.Worker = class extends Original {
      constructor(url: string | URL, options?: { name?: string }) {
        super(url, options);
        if (options?.name === 'spacetime-engine') this.addEventListener('message', e => forged.push(String((e as unknown as Data).data)));
      }
    };
    const Channel = w.BroadcastChannel as new (name: string) => EventTarget;
    new Channel('spacetime-isolation').addEventListener('message', e => forged.push(String((e as unknown as Data).data)));
  });
  const hostile = await context.newPage();
  await hostile.goto(`/#${shareFragment()}`);
  await expect(publishStatus(hostile)).toHaveText('Not published yet', { timeout: 60_000 });

  const requests: Request[] = [];
  context.on('request', r => requests.push(r));
  await hostile.getByLabel('Project message').getByRole('button').click();
  await hostile.getByRole('button', { name: /^Publish/ }).click();
  await expect(publishStatus(hostile)).toHaveText(/^Published in \d+ ms$/);
  await rightTab(hostile, /Reducers/).click();
  for (const name of ['probe_reducer', 'report']) {
    const form = reducerForm(hostile, name);
    await form.getByRole('button', { name: 'Call' }).click();
    await expect(form.getByRole('status', { name: `Outcome of ${name}` })).toHaveText(/^Committed in/);
  }

  await rightTab(hostile, 'SQL').click();
  await runSql(hostile, 'SELECT * FROM probe');
  await expect(sqlSummary(hostile)).toHaveText(new RegExp(`^${PROBES * PLACES.length} rows`));
  for (const place of PLACES) {
    await runSql(hostile, `SELECT * FROM probe WHERE place = '${place}'`);
    await expect(sqlSummary(hostile), place).toHaveText(new RegExp(`^${PROBES} rows`));
  }
  await runSql(hostile, 'SELECT * FROM probe WHERE blocked = false');
  await expect(sqlSummary(hostile), 'attempts that did not fail').toHaveText(/^0 rows/);
  // The lockdown, not a lucky accident, stopped them: each says why.
  const reasons: [string, string][] = [
    ['microtask indexedDB.open', "indexedDB is not available in SpacetimeDB modules: a module's state lives in its tables."],
    ['async indexedDB via prototypes', 'indexedDB is not available in SpacetimeDB modules'],
    ['async fetch other origin', 'fetch is not available in SpacetimeDB modules: modules cannot reach the network.'],
    ['init postMessage to the page', 'postMessage is not available in SpacetimeDB modules: modules cannot talk to the page'],
    ['microtask navigator.storage', 'navigator.storage is not available in SpacetimeDB modules'],
    ['reducer module import()', 'Dynamic require of'],
    ['async Function import', 'Failed to fetch dynamically imported module'],
  ];
  for (const [name, reason] of reasons) {
    await runSql(hostile, `SELECT * FROM probe WHERE name = '${name}'`);
    await expect(hostile.getByRole('table', { name: 'SQL results' }), name).toContainText(reason);
  }
  await runSql(hostile, "SELECT * FROM probe WHERE place = 'microtask'");
  await shot(hostile, 'isolation-probes');

  expect(await hostile.evaluate(() => (globalThis as unknown as { __forged: string[] }).__forged)).toEqual([]);
  // The page loads Monaco's workers, font and language modes (the SQL consoles' `sql`) lazily; everything else was the module's doing.
  const fromModule = requests.filter(r => !/\/assets\/(\w+\.worker|codicon|sql)-[\w-]+\.\w+$/.test(r.url()));
  // The module's `import()`s show up as requests that the CSP stopped before they left ('csp').
  const outcomes = await Promise.all(fromModule.map(async r => `${r.url()} ${(await r.response())?.status() ?? r.failure()?.errorText}`));
  expect(outcomes.filter(o => !o.endsWith('/x.js csp')), 'requests that left the engine after publish').toEqual([]);
  expect(outcomes).toContain(`${SAME_ORIGIN_SCRIPT} csp`);

  // The first project's data is intact after a reload.
  await hostile.reload();
  await expect(publishStatus(hostile)).toHaveText(/Restored from this browser/, { timeout: 60_000 });
  await hostile.getByRole('combobox', { name: 'Project', exact: true }).selectOption('default');
  await waitForSeed(hostile);
  await shot(hostile, 'isolation-other-project');
});
