import { expect, test, type Page } from '@playwright/test';

const SCREENSHOTS = 'test-results/screenshots';

const SPINNER = `import { schema, table, t } from 'spacetimedb/server';

const counter = table({ name: 'counter', public: true }, { id: t.u32().primaryKey(), hits: t.u32() });
const spacetimedb = schema({ counter });
export default spacetimedb;

export const bump = spacetimedb.reducer(ctx => {
  const row = ctx.db.counter.id.find(0);
  if (row) ctx.db.counter.id.update({ id: 0, hits: row.hits + 1 });
  else ctx.db.counter.insert({ id: 0, hits: 1 });
});

export const spin = spacetimedb.reducer(_ctx => {
  while (true) {}
});
`;

const status = (page: Page) => page.getByRole('status', { name: 'Engine status' });
const outcome = (page: Page) => page.getByRole('status', { name: 'Outcome' });
const table = (page: Page, name: string) => page.getByRole('table', { name, exact: true });

async function openPublished(page: Page) {
  await page.goto('/');
  await expect(status(page)).toHaveText(/^Published in \d+ ms$/, { timeout: 60_000 });
}

async function connect(page: Page, name: string) {
  await page.getByLabel('Client name').fill(name);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByRole('button', { name: `Disconnect ${name}` })).toBeVisible();
}

async function call(page: Page, reducer: string, args: string, as = 'owner') {
  await page.getByLabel('Reducer', { exact: true }).selectOption(reducer);
  await page.getByLabel('Call as').selectOption(as);
  await page.getByLabel('Arguments (JSON)').fill(args);
  await page.getByRole('button', { name: 'Call', exact: true }).click();
}

async function publishSource(page: Page, source: string) {
  await page.getByRole('heading', { name: 'Module source' }).click();
  await page.getByLabel('Module source (index.ts)').fill(source);
  await page.getByRole('button', { name: 'Publish' }).click();
}

test('compiles and publishes the chat sample in the browser', async ({ page }) => {
  await openPublished(page);
  await expect(table(page, 'user')).toBeVisible();
  await expect(table(page, 'message')).toBeVisible();
  await expect(table(page, 'user').getByRole('columnheader')).toHaveText([/identity/, /name/, /online/]);
});

test('connected clients call reducers and their rows appear', async ({ page }) => {
  await openPublished(page);
  await connect(page, 'alice');
  await connect(page, 'bob');
  await expect(table(page, 'user').getByRole('row')).toHaveCount(3);

  await call(page, 'set_name', '{"name":"Alice"}', 'alice');
  await expect(outcome(page)).toHaveText(/^Committed/);
  await expect(table(page, 'user')).toContainText('Alice');

  await call(page, 'send_message', '{"text":"Hello from the browser"}', 'alice');
  await expect(outcome(page)).toHaveText(/^Committed/);
  await expect(table(page, 'message')).toContainText('Hello from the browser');

  await call(page, 'send_message', '{"text":""}', 'bob');
  await expect(outcome(page)).toHaveText('Failed: Messages must not be empty');

  await page.getByRole('button', { name: 'Disconnect bob' }).click();
  await expect(table(page, 'user').getByRole('row').filter({ hasText: 'false' })).toHaveCount(1);
  await page.screenshot({ path: `${SCREENSHOTS}/first-page.png` });
});

test('compile errors show as file:line:col: message', async ({ page }) => {
  await openPublished(page);
  await publishSource(page, 'export const x = ;\n');
  await expect(page.getByRole('list', { name: 'Problems' })).toContainText(/index\.ts:1:18: /);
  await expect(status(page)).toHaveText('1 compile error');
  // The published chat module is still there.
  await expect(table(page, 'user')).toBeVisible();
});

test('a reducer that never returns leaves the page responsive and the engine recovers', async ({ page }) => {
  await openPublished(page);
  await publishSource(page, SPINNER);
  await expect(table(page, 'counter')).toBeVisible();
  await connect(page, 'alice');
  await call(page, 'bump', '{}', 'alice');
  await expect(table(page, 'counter')).toContainText('1');

  await call(page, 'spin', '{}');
  await expect(page.getByRole('button', { name: 'Calling…' })).toBeDisabled();
  // The engine thread is stuck, the page is not: it still answers and takes input.
  await page.getByLabel('Client name').fill('still responsive');
  await expect(page.getByLabel('Client name')).toHaveValue('still responsive');
  expect(await page.evaluate(() => 6 * 7)).toBe(42);

  await expect(outcome(page)).toHaveText(
    'The reducer did not finish within 5 s; the engine was restarted and the call rolled back.',
    { timeout: 30_000 }
  );
  await expect(page.getByRole('list', { name: 'Transactions' })).toContainText('the engine was restarted');
  // The restored engine has the rows and clients from before the stuck call, and takes calls again.
  await expect(table(page, 'counter').getByRole('row').nth(1)).toHaveText('01');
  await expect(page.getByRole('button', { name: 'Disconnect alice' })).toBeVisible();
  await call(page, 'bump', '{}', 'alice');
  await expect(outcome(page)).toHaveText(/^Committed/);
  await expect(table(page, 'counter').getByRole('row').nth(1)).toHaveText('02');
  await page.screenshot({ path: `${SCREENSHOTS}/recovered.png` });
});
