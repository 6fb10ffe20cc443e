// Browser benchmark phase (`benchBrowser`, called from bench/run.ts): the
// built app (dist/, served by `vite preview`) in headless Debian Chromium.
//
//   browser_cold_load_ms        fresh browser context → navigate → the Kanban sample published,
//                               alice and bob online with their boards (median of COLD_RUNS)
//   browser_republish_warm_ms   after load: edit the module in Monaco, Ctrl+S → published again,
//                               every client online on the new version (median of REPUBLISHES)
//   browser_reload_recovery_100k_rows_100k_entries_ms
//                               reload of a project holding 100,000 rows (one `fill` call) and a
//                               100,000-entry journal and log → restored, clients online (median of
//                               RELOADS, after a first open that stores the imported project's log)
//
// Targets (informative, not asserted): cold load ≤ 2,500 ms; warm republish ≤ 150 ms; reload ≤ 1,500 ms.
import { spawn, execSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { emit, progress } from './common.ts';
import { ARM_REPUBLISH, COLD_READY, INIT, RESTORED_READY } from './browser/page.ts';
import { bulkProjectFile } from './browser/bulk-project.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const COLD_RUNS = 3;
const REPUBLISHES = 5;
const RELOADS = 3;
const ROWS = 100_000;
const ENTRIES = 100_000;
const VIEWPORT = { width: 1600, height: 1000 };

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  try {
    return execSync('command -v chromium', { shell: '/bin/sh', encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function startPreview(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn('npx', ['vite', 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  for (const start = Date.now(); Date.now() - start < 60_000; ) {
    if (child.exitCode !== null) throw new Error(`vite preview exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return { url, child };
    } catch {
      // not listening yet
    }
    await new Promise(r => setTimeout(r, 100));
  }
  stopPreview(child);
  throw new Error('vite preview did not answer within 60 s');
}

function stopPreview(child: ChildProcess): void {
  // `npx` starts vite as its child: end the whole process group this bench started.
  if (child.pid !== undefined && child.exitCode === null) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      child.kill('SIGTERM');
    }
  }
}

/** Polls `script` on every animation frame until it returns a number (page milliseconds). */
async function waitMs(page: Page, script: string, timeout = 120_000): Promise<number> {
  const handle = await page.waitForFunction(script, undefined, { polling: 'raf', timeout });
  return (await handle.jsonValue()) as number;
}


async function coldLoad(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    await context.addInitScript(INIT);
    const page = await context.newPage();
    await page.goto(url);
    return await waitMs(page, COLD_READY);
  } finally {
    await context.close();
  }
}

/** Appends a comment line at the end of the module in Monaco, then times Ctrl+S → published and running. */
async function republish(page: Page, i: number): Promise<number> {
  await page.getByRole('textbox', { name: /^Editor: / }).focus();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.insertText(`\n// bench edit ${i}`);
  await page.waitForTimeout(300);
  await page.evaluate(ARM_REPUBLISH);
  await page.keyboard.press('ControlOrMeta+S');
  return (await page.evaluate('window.__republish')) as number;
}

type TableCount = { name: string; rows: number };

async function tableCounts(page: Page): Promise<Record<string, string>> {
  const [tables] = (await page.evaluate(`window.__bench.many(['tables'], [[]])`)) as [TableCount[]];
  return Object.fromEntries(tables.map(t => [t.name, String(t.rows)]));
}

/** Imports the bulk project file (made in Node) through the page's engine; resolves to the project's name. */
async function importProject(page: Page, text: string): Promise<string> {
  const start = performance.now();
  const [created] = (await page.evaluate(`window.__bench.many(['importProject'], [[${JSON.stringify(text)}]])`)) as [{ ok: boolean; name?: string }];
  if (!created.ok || !created.name) throw new Error(`import failed: ${JSON.stringify(created)}`);
  progress(`browser: imported "${created.name}" (${Math.round(text.length / 1024)} KiB) in ${Math.round(performance.now() - start)} ms`);
  return created.name;
}

async function reloadRecovery(browser: Browser, url: string): Promise<number[]> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    await context.addInitScript(INIT);
    const page = await context.newPage();
    page.on('crash', () => progress('browser: the page crashed'));
    page.on('close', () => progress('browser: the page closed'));
    page.on('pageerror', e => progress(`browser: page error ${e.message}`));
    // A long watchdog while the bench drives 100k calls straight at the engine (the page's pings queue behind them).
    await page.goto(`${url}/?watchdog=600000`);
    await waitMs(page, COLD_READY);
    progress(`browser: making a project with ${ROWS} rows and ${ENTRIES} log entries in Node`);
    const name = await importProject(page, await bulkProjectFile('bulk', ROWS, ENTRIES));
    // The first open replays the journal and stores its log as the project's timeline.
    const address = `${url}/?project=${encodeURIComponent(name)}&watchdog=600000`;
    await page.goto(address);
    progress(`browser: first open ${Math.round(await waitMs(page, RESTORED_READY, 300_000))} ms`);
    await page.waitForTimeout(5_000);
    const times: number[] = [];
    for (let i = 0; i < RELOADS; i++) {
      await page.goto(address);
      times.push(await waitMs(page, RESTORED_READY, 180_000));
      const counts = await tableCounts(page);
      progress(`browser: reload ${i + 1}: ${Math.round(times[i]!)} ms, counts ${JSON.stringify(counts)}`);
      if (counts.item !== String(ROWS) || counts.counter !== '1') throw new Error(`reload restored ${JSON.stringify(counts)}`);
      const [hits] = (await page.evaluate(`window.__bench.many(['sql'], [['SELECT * FROM counter', null]])`)) as [unknown];
      if (!JSON.stringify(hits).includes(String(ENTRIES - 1))) throw new Error(`counter after reload: ${JSON.stringify(hits)}`);
    }
    return times;
  } finally {
    await context.close();
  }
}

export async function benchBrowser(): Promise<void> {
  const executablePath = chromiumPath();
  if (!executablePath) return progress('browser: skipped, chromium not found (apt-get install -y chromium, or set CHROMIUM)');
  if (!existsSync(`${ROOT}/dist/index.html`)) {
    progress('browser: dist/ is missing, running `npx vite build`');
    execSync('npx vite build', { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const { url, child } = await startPreview();
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    progress(`browser: ${COLD_RUNS} cold loads against ${url}`);
    const cold: number[] = [];
    for (let i = 0; i < COLD_RUNS; i++) cold.push(await coldLoad(browser, url));
    progress(`browser: cold loads ${cold.map(Math.round).join(', ')} ms`);
    emit('browser_cold_load_ms', median(cold), 'ms');

    const context = await browser.newContext({ viewport: VIEWPORT });
    try {
      await context.addInitScript(INIT);
      const page = await context.newPage();
      await page.goto(url);
      await waitMs(page, COLD_READY);
      await republish(page, 0); // warm-up
      const warm: number[] = [];
      for (let i = 1; i <= REPUBLISHES; i++) warm.push(await republish(page, i));
      progress(`browser: republishes ${warm.map(Math.round).join(', ')} ms`);
      emit('browser_republish_warm_ms', median(warm), 'ms');
    } finally {
      await context.close();
    }

    const reloads = await reloadRecovery(browser, url);
    emit(`browser_reload_recovery_${ROWS / 1000}k_rows_${ENTRIES / 1000}k_entries_ms`, median(reloads), 'ms');
  } finally {
    await browser.close();
    stopPreview(child);
  }
}
