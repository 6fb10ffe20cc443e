/**
 * The SQL and subscription consoles in a real browser: completion from the
 * schema, Ctrl+Enter, errors underlined in the statement, row-level security
 * per caller, history across a reload, and live deltas with their reducer.
 */
import { expect, test, type Page } from '@playwright/test';
import { fillSql, openPlayground, publishStatus, reducerForm, rightTab, shot, sqlEditor, sqlEditorText } from './fixtures.ts';

/** The first visit's seed, read from the owner's side (the clients' own caches are not what these tests are about). */
async function waitForSeedRows(page: Page) {
  await expect(page.getByRole('navigation', { name: 'Tables' }).getByRole('button', { name: /^card, [1-9]\d* rows/ })).toBeVisible();
  await expect(page.getByText('2/2 clients online')).toBeVisible();
}

const summary = (page: Page) => page.getByRole('status', { name: 'SQL summary' });
const squiggles = (page: Page, name: string) => page.locator('.sql-console-editor', { has: sqlEditor(page, name) }).locator('.squiggly-error');

async function rowsAs(page: Page, as: string): Promise<number> {
  await page.getByLabel('Run as').selectOption(as);
  await fillSql(page, 'SQL query', 'SELECT * FROM card');
  await sqlEditor(page, 'SQL query').press('ControlOrMeta+Enter');
  await expect(summary(page)).toHaveText(new RegExp(`^\\d+ rows? as ${as} `));
  return Number(/^\d+/.exec((await summary(page).textContent()) ?? '')?.[0]);
}

test('the SQL console completes from the schema, runs, underlines errors and keeps its history', async ({ page }) => {
  await openPlayground(page);
  await waitForSeedRows(page);
  await rightTab(page, 'SQL').click();

  // Completion: a table name after FROM, accepted with Enter; Ctrl+Enter runs.
  const editor = sqlEditor(page, 'SQL query');
  await editor.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('SELECT * FROM ca');
  const suggestions = page.locator('.suggest-widget.visible');
  await expect(suggestions.locator('.monaco-list-row').first()).toContainText('card');
  await shot(page, 'sql-console-completion');
  await page.keyboard.press('Enter');
  await expect(sqlEditorText(page, 'SQL query')).toHaveText('SELECT * FROM card');
  await editor.press('ControlOrMeta+Enter');
  await expect(summary(page)).toHaveText(/^\d+ rows as owner/);
  await expect(page.getByRole('table', { name: 'SQL results' })).toContainText('card_id');

  // Columns of the table named in the statement, with their types.
  await page.keyboard.type(' WHERE ti');
  await expect(suggestions.locator('.monaco-list-row').first()).toContainText('title');
  await expect(suggestions.locator('.monaco-list-row').first()).toContainText('string');
  await page.keyboard.press('Escape');

  // An error: the message below, a squiggle under the missing table.
  await fillSql(page, 'SQL query', 'SELECT * FROM nope');
  await editor.press('ControlOrMeta+Enter');
  await expect(page.getByRole('alert', { name: 'SQL error' })).toContainText('no such table: `nope`');
  await expect(page.getByRole('alert', { name: 'SQL error' })).toContainText('line 1, column 15');
  await expect(squiggles(page, 'SQL query')).toHaveCount(1);
  await shot(page, 'sql-console-error');

  // Row-level security: alice sees only the cards of boards she works on.
  const owner = await rowsAs(page, 'owner');
  const alice = await rowsAs(page, 'alice');
  expect(alice).toBeGreaterThan(0);
  expect(alice).toBeLessThan(owner);
  await expect(squiggles(page, 'SQL query')).toHaveCount(0);
  await shot(page, 'sql-console');

  // The history survives a reload and Up walks it.
  await page.waitForTimeout(600);
  await page.reload();
  await expect(publishStatus(page)).toHaveText(/Restored/, { timeout: 60_000 });
  await rightTab(page, 'SQL').click();
  await expect(page.getByLabel('Query history').locator('option')).toHaveText(['History…', 'SELECT * FROM card', 'SELECT * FROM nope']);
  await sqlEditor(page, 'SQL query').focus();
  await page.keyboard.press('ArrowUp');
  await expect(sqlEditorText(page, 'SQL query')).toHaveText('SELECT * FROM card');
  await page.keyboard.press('ArrowUp');
  await expect(sqlEditorText(page, 'SQL query')).toHaveText('SELECT * FROM nope');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(sqlEditorText(page, 'SQL query')).toHaveText('SELECT * FROM user');
});

test('the subscription console shows initial rows, then each delta with its transaction', async ({ page }) => {
  await openPlayground(page);
  await waitForSeedRows(page);
  await rightTab(page, 'Subscriptions').click();

  // A bad query: the error below and a squiggle in the one-line editor.
  await fillSql(page, 'Subscription query', 'SELECT * FROM card WHERE nope = 1');
  await sqlEditor(page, 'Subscription query').press('Enter');
  await expect(page.getByRole('alert', { name: 'Subscription error' })).toContainText('`nope` is not in scope');
  await expect(squiggles(page, 'Subscription query')).toHaveCount(1);

  await fillSql(page, 'Subscription query', 'SELECT * FROM card');
  await page.getByLabel('Subscribe as').selectOption('alice');
  await sqlEditor(page, 'Subscription query').press('Enter');
  await expect(page.getByRole('alert', { name: 'Subscription error' })).toHaveCount(0);
  const live = page.getByRole('region', { name: 'Live query SELECT * FROM card' });
  const changes = live.getByRole('list', { name: 'Changes to SELECT * FROM card' });
  await expect(changes).toContainText(/Subscribed: \d+ initial rows/);
  const before = await live.getByRole('table', { name: 'Live rows of card' }).getByRole('row').count();

  await rightTab(page, /Reducers/).click();
  const form = reducerForm(page, 'add_card');
  await form.getByLabel(/^board_id/).fill('1');
  await form.getByLabel(/^title/).fill('Ship the console');
  await form.getByLabel('Call as').selectOption('alice');
  await form.getByRole('button', { name: 'Call' }).click();
  await expect(form.getByRole('status', { name: 'Outcome of add_card' })).toHaveText(/^Committed in/);

  await rightTab(page, 'Subscriptions').click();
  await expect(live.getByRole('table', { name: 'Live rows of card' }).getByRole('row')).toHaveCount(before + 1);
  const delta = changes.getByRole('listitem', { name: /^Transaction #\d+$/ }).first();
  await expect(delta).toContainText('add_card · alice');
  await expect(delta).toContainText('+ card:');
  await expect(delta).toContainText('Ship the console');
  await expect(delta.locator('time')).toHaveText(/^\d\d:\d\d:\d\d\.\d{3}$/);
  await shot(page, 'subscription-console');
});
