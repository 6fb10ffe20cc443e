/**
 * The Clients panel and the file tree on a first visit (Kanban, alice and
 * bob): each client's event stream shows only what its SDK received, a
 * second tab of alice is a second connection, bob goes offline and back,
 * alice calls a reducer from her card; files are created, renamed and
 * deleted in the tree.
 */
import { expect, test, type Page } from '@playwright/test';
import { bottomTab, client, openPlayground, shot, waitForSeed } from './fixtures.ts';

const events = (page: Page, name: string) => client(page, name).getByRole('region', { name: `${name}'s events` }).getByRole('listitem');

test('client streams, a second tab, offline and back, and a call made as a client', async ({ page }) => {
  await openPlayground(page);
  await waitForSeed(page);
  await bottomTab(page, /Clients/).click();

  // alice's stream: her subscriptions applied; her own board and cards arrived; bob's board never reached her.
  const alice = events(page, 'alice');
  await expect(alice.filter({ hasText: 'subscription applied' })).toHaveCount(3);
  await expect(alice.filter({ hasText: /update from .* card \+1/ })).toHaveCount(2);
  await expect(alice.filter({ hasText: /update from .* board \+1/ })).toHaveCount(1);
  await expect(events(page, 'bob').filter({ hasText: /update from .* board \+1/ })).toHaveCount(1);
  await expect(client(page, 'alice').getByRole('table', { name: "alice's board" })).not.toContainText('Bug triage');

  // A reducer called from alice's card goes through her SDK: its result and its named update show in her stream.
  const call = client(page, 'alice').getByRole('form', { name: 'Call as alice' });
  await call.getByRole('combobox', { name: 'Reducer to call as alice' }).selectOption('create_board');
  await call.getByLabel('name').fill('Roadmap');
  await call.getByRole('button', { name: 'Call as alice' }).click();
  await expect(call.getByRole('status')).toHaveText('ok');
  await expect(alice.filter({ hasText: /called create_board .*ok/ })).toHaveCount(1);
  await expect(alice.filter({ hasText: 'update from your call create_board board +1' })).toHaveCount(1);
  await call.getByRole('combobox', { name: 'Reducer to call as alice' }).selectOption('move_card');
  await call.getByLabel('card_id').fill('999');
  await call.getByLabel('state').fill('done');
  await call.getByRole('button', { name: 'Call as alice' }).click();
  await expect(call.getByRole('status')).not.toHaveText(/^(ok|Calling…)?$/);
  await expect(alice.filter({ hasText: /called move_card/ }).last()).not.toContainText(' ok');

  // A second tab of alice: same identity, its own connection id.
  await client(page, 'alice').getByRole('button', { name: 'Open another tab as alice' }).click();
  const tab = client(page, 'alice (tab 2)');
  await expect(tab.getByRole('switch', { name: 'alice (tab 2) online' })).toHaveAttribute('aria-checked', 'true');
  await expect(tab.getByRole('table', { name: "alice (tab 2)'s board" })).toContainText('Launch plan');
  const ids = (name: string) => client(page, name).locator('.client-ids code');
  await expect(ids('alice (tab 2)').first()).toHaveAttribute('title', (await ids('alice').first().getAttribute('title'))!);
  await expect(ids('alice (tab 2)').nth(1)).not.toHaveAttribute('title', (await ids('alice').nth(1).getAttribute('title'))!);
  await shot(page, 'clients-panel');
  await client(page, 'alice').getByRole('region', { name: "alice's events" }).scrollIntoViewIfNeeded();
  await shot(page, 'client-stream');

  // bob offline keeps his card and subscriptions; online again, his board comes back.
  const bob = client(page, 'bob');
  await bob.getByRole('switch', { name: 'bob online' }).click();
  await expect(bob.getByRole('switch', { name: 'bob online' })).toHaveAttribute('aria-checked', 'false');
  await expect(bob.getByRole('table', { name: "bob's board" })).toHaveCount(0);
  await expect(bob.getByRole('region', { name: "bob's subscriptions" })).toContainText('SELECT * FROM board');
  await bob.getByRole('switch', { name: 'bob online' }).click();
  await expect(bob.getByRole('table', { name: "bob's board" })).toContainText('Bug triage');
  await expect(events(page, 'bob').filter({ hasText: /^\S+ disconnected/ })).toHaveCount(1);

  // The tab and bob's state survive a reload.
  await page.waitForTimeout(600);
  await page.reload();
  await expect(client(page, 'alice (tab 2)').getByRole('table', { name: "alice (tab 2)'s board" })).toContainText('Roadmap', { timeout: 60_000 });
});

test('the file tree creates, renames and deletes a file in a folder', async ({ page }) => {
  await openPlayground(page);
  const tree = page.getByRole('tree', { name: 'Module files' });
  await expect(tree.getByRole('treeitem', { name: 'index.ts' })).toBeVisible();

  await page.getByRole('button', { name: 'Create file' }).click();
  await page.getByRole('textbox', { name: 'New file name' }).fill('lib/util');
  await page.keyboard.press('Enter');
  await expect(tree.getByRole('alert')).toContainText('ends in .ts');
  await page.getByRole('textbox', { name: 'New file name' }).fill('lib/util.ts');
  await page.keyboard.press('Enter');
  await expect(tree.getByRole('treeitem', { name: 'lib' })).toHaveAttribute('aria-expanded', 'true');
  const util = tree.getByRole('treeitem', { name: 'util.ts' });
  await expect(util).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('textbox', { name: 'Editor: lib/util.ts' })).toBeAttached();

  // Keyboard: F2 renames the focused file.
  await util.focus();
  await page.keyboard.press('F2');
  await page.getByRole('textbox', { name: 'Rename lib/util.ts' }).fill('helpers.ts');
  await page.keyboard.press('Enter');
  const helpers = tree.getByRole('treeitem', { name: 'helpers.ts' });
  await expect(helpers).toBeVisible();
  await expect(util).toHaveCount(0);
  await expect(page.getByRole('tablist', { name: 'Files' }).getByRole('tab', { name: 'lib/helpers.ts' })).toBeVisible();
  await shot(page, 'file-tree');

  // Arrows fold the folder; the entry file has no delete action.
  await helpers.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(tree.getByRole('treeitem', { name: 'lib' })).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(helpers).toHaveCount(0);
  await page.keyboard.press('ArrowRight');
  await expect(helpers).toBeVisible();
  await expect(page.getByRole('button', { name: 'Delete index.ts' })).toHaveCount(0);

  page.once('dialog', d => void d.accept());
  await helpers.hover();
  await page.getByRole('button', { name: 'Delete lib/helpers.ts' }).click();
  await expect(tree.getByRole('treeitem', { name: /helpers|lib/ })).toHaveCount(0);
  await expect(page.getByRole('tablist', { name: 'Files' }).getByRole('tab', { name: 'lib/helpers.ts' })).toHaveCount(0);
});
