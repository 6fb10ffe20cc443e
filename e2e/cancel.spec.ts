import { expect, test } from '@playwright/test';
import { bottomTab, client, confirmDataLoss, publishStatus, replaceEditorText, rightTab, shot, waitForSeed } from './fixtures.ts';

/** A module whose `init` keeps the engine busy for a long while (a counted loop, so it does end). */
const SLOW_INIT = `import { schema, table, t } from 'spacetimedb/server';

const counter = table({ name: 'counter', public: true }, { id: t.u32().primaryKey(), hits: t.u32() });
const spacetimedb = schema({ counter });
export default spacetimedb;

export const init = spacetimedb.init(ctx => {
  let spins = 0;
  for (let i = 0; i < 10_000_000_000; i++) spins = (spins + i) % 1_000_003;
  ctx.db.counter.insert({ id: 0, hits: spins });
});
`;

const activity = (page: import('@playwright/test').Page) => page.getByRole('status', { name: 'Engine activity' });

test('a long publish shows what runs with Cancel; cancelling restarts the engine and keeps the previous module', async ({ page }) => {
  // A long watchdog, so the Cancel button is what stops the publish.
  await page.goto('/?watchdog=60000');
  await expect(publishStatus(page)).toHaveText(/Published in \d+ ms/, { timeout: 60_000 });
  await waitForSeed(page);

  await replaceEditorText(page, SLOW_INIT);
  await page.getByRole('button', { name: /^Publish/ }).click();
  await confirmDataLoss(page);

  // Quick requests never show; this one does after about a second, with how long it has run.
  await expect(activity(page)).toContainText(/^Publishing…\d+ s/, { timeout: 5000 });
  await expect(activity(page)).toContainText(/Publishing…[2-9] s/);
  await shot(page, 'cancel-publishing');
  await activity(page).getByRole('button', { name: 'Cancel' }).click();

  await expect(publishStatus(page)).toHaveText(
    'Cancelled: the engine was restarted from the last committed state; nothing of the cancelled work was applied.',
    { timeout: 30_000 }
  );
  await expect(activity(page)).toBeHidden();
  await bottomTab(page, /Log/).click();
  await expect(page.getByRole('list', { name: 'Log' })).toContainText('Cancelled: the engine was restarted');

  // Kanban is still the published module, with its data, and the clients took their connections back.
  await bottomTab(page, /Clients/).click();
  await expect(client(page, 'alice')).toContainText('online');
  await expect(client(page, 'bob')).toContainText('online');
  await waitForSeed(page);
  await rightTab(page, /Tables/).click();
  const tables = page.getByRole('navigation', { name: 'Tables' });
  await expect(tables.getByRole('button', { name: /^card, 3 rows/ })).toBeVisible();
  await expect(tables).not.toContainText('counter');
  await shot(page, 'cancel-cancelled');
});
