import { expect, test } from '@playwright/test';
import { bottomTab, client, openPlayground, rightTab, shot, waitForSeed } from './fixtures.ts';

test('a first visit opens the Kanban sample published, with alice and bob seeing different boards', async ({ page }) => {
  await openPlayground(page);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Kanban');
  await expect(page.getByRole('tablist', { name: 'Files' }).getByRole('tab')).toHaveText(['index.ts', 'access.ts', 'boards.ts', 'cards.ts', 'metrics.ts', 'presence.ts', 'schema.ts', 'users.ts']);
  await waitForSeed(page);

  // The visibility filter: each client's SDK cache holds only its own board and cards.
  await expect(client(page, 'alice').getByRole('table', { name: "alice's board" })).not.toContainText('Bug triage');
  await expect(client(page, 'bob').getByRole('table', { name: "bob's board" })).not.toContainText('Launch plan');
  await expect(client(page, 'bob').getByRole('table', { name: "bob's card" }).getByRole('row')).toHaveCount(2);
  await expect(client(page, 'alice').getByRole('table', { name: "alice's card" }).getByRole('row')).toHaveCount(3);
  await shot(page, 'clients');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, 'clients-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // The owner sees everything.
  await rightTab(page, /Tables/).click();
  await page.getByRole('navigation', { name: 'Tables' }).getByRole('button', { name: /^board,/ }).click();
  await expect(page.getByRole('table', { name: 'board', exact: true })).toContainText('Launch plan');
  await expect(page.getByRole('table', { name: 'board', exact: true })).toContainText('Bug triage');
  await shot(page, 'tables');

  await bottomTab(page, /Log/).click();
  await expect(page.getByRole('list', { name: 'Log' })).toContainText("Board 1 'Launch plan' created");
  await shot(page, 'log');
});
