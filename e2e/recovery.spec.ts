import { expect, test } from '@playwright/test';
import { bottomTab, client, confirmDataLoss, openPlayground, publishStatus, reducerForm, replaceEditorText, rightTab, shot, waitForSeed, fillSql, sqlEditorText } from './fixtures.ts';

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

export const boom = spacetimedb.reducer(_ctx => {
  throw new Error('boom: the counter exploded');
});
`;

test('a reducer that never returns leaves the page responsive; the engine restarts with its data and clients', async ({ page }) => {
  await openPlayground(page);
  await waitForSeed(page);
  await replaceEditorText(page, SPINNER);
  await page.getByRole('button', { name: /^Publish/ }).click();
  await confirmDataLoss(page);
  await expect(publishStatus(page)).toHaveText(/^Published in \d+ ms$/);
  await expect(client(page, 'alice')).toContainText('online');

  await rightTab(page, /Reducers/).click();
  await reducerForm(page, 'bump').getByRole('button', { name: 'Call' }).click();
  await expect(reducerForm(page, 'bump').getByRole('status')).toHaveText(/^Committed/);

  // An exception is an internal error: the owner sees the real message and stack.
  await reducerForm(page, 'boom').getByRole('button', { name: 'Call' }).click();
  await expect(reducerForm(page, 'boom').getByRole('status')).toHaveText('Internal error: Error: boom: the counter exploded');
  await reducerForm(page, 'boom').getByText('Stack trace').click();
  await expect(reducerForm(page, 'boom').locator('pre')).toContainText('boom: the counter exploded');

  await reducerForm(page, 'spin').getByRole('button', { name: 'Call' }).click();
  await expect(reducerForm(page, 'spin').getByRole('button', { name: 'Calling…' })).toBeDisabled();
  // The engine thread is stuck, the page is not.
  await rightTab(page, 'SQL').click();
  await fillSql(page, 'SQL query', 'still responsive');
  await expect(sqlEditorText(page, 'SQL query')).toHaveText('still responsive');

  await rightTab(page, /Reducers/).click();
  await expect(reducerForm(page, 'spin').getByRole('status')).toHaveText(
    'The reducer did not finish within 5 s; the engine was restarted and the call rolled back.',
    { timeout: 30_000 }
  );
  await bottomTab(page, /Log/).click();
  await expect(page.getByRole('list', { name: 'Log' })).toContainText('the engine was restarted');
  await shot(page, 'recovered');

  // The restored engine has the rows from before, the clients took their connections back, and calls work again.
  await bottomTab(page, /Clients/).click();
  await expect(client(page, 'alice')).toContainText('online');
  await expect(client(page, 'bob')).toContainText('online');
  await reducerForm(page, 'bump').getByRole('button', { name: 'Call' }).click();
  await expect(reducerForm(page, 'bump').getByRole('status')).toHaveText(/^Committed/);
  await rightTab(page, /Tables/).click();
  await expect(page.getByRole('table', { name: 'counter', exact: true }).getByRole('row').nth(1)).toHaveText('02');
});
