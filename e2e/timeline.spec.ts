import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { test } from '@playwright/test';
import { bottomTab, client, openPlayground, publishStatus, reducerForm, replaceEditorText, rightTab, shot, waitForSeed, fillSql } from './fixtures.ts';

const CARDS = readFileSync(new URL('../samples/kanban/cards.ts', import.meta.url), 'utf8');
const LOGGED = CARDS.replace('    boardOfCollaborator(ctx, board_id);\n', '    boardOfCollaborator(ctx, board_id);\n    console.log(`replayed card: ${title}`);\n');

const banner = (page: Page) => page.getByRole('region', { name: 'Viewing the past' });
const entries = (page: Page) => page.getByRole('list', { name: 'Entries' });
const cardGrid = (page: Page) => page.getByRole('table', { name: 'card', exact: true });

async function addCard(page: Page, title: string) {
  const form = reducerForm(page, 'add_card');
  await form.getByLabel(/^board_id/).fill('1');
  await form.getByLabel(/^title/).fill(title);
  await form.getByLabel('Call as').selectOption('alice');
  await form.getByRole('button', { name: 'Call' }).click();
  await expect(form.getByRole('status', { name: 'Outcome of add_card' })).toHaveText(/^Committed in/);
}

/** The position of the `n`-th entry (from the end) whose label matches. */
async function positionOf(page: Page, name: RegExp, fromEnd = 1): Promise<number> {
  const buttons = entries(page).getByRole('button', { name });
  const label = await buttons.nth((await buttons.count()) - fromEnd).getAttribute('aria-label');
  return Number(/#(\d+)/.exec(label ?? '')?.[1]);
}

test('scrub back through the history, view the past read-only, replay edited code, fork and switch back', async ({ page }) => {
  test.setTimeout(150_000);
  await openPlayground(page);
  await waitForSeed(page);

  // A few calls, then the timeline has them all.
  await rightTab(page, /Reducers/).click();
  await addCard(page, 'Ship the timeline');
  await addCard(page, 'Write the changelog');
  await bottomTab(page, 'Timeline').click();
  await expect(entries(page).getByRole('button', { name: /add_card by alice/ })).toHaveCount(4);
  const b = await positionOf(page, /add_card by alice/, 1);
  const a = await positionOf(page, /add_card by alice/, 2);
  expect(b).toBe(a + 1);
  await rightTab(page, /Tables/).click();
  await page.getByRole('button', { name: /^card, / }).click();
  await expect(cardGrid(page)).toContainText('Write the changelog');
  await shot(page, 'timeline');

  // Jump to the entry before the first call: the older rows, under the banner.
  await entries(page).getByRole('button', { name: new RegExp(`^Entry #${a - 1}:`) }).click();
  await expect(banner(page)).toContainText(`Viewing #${a - 1} of ${b + 1}`);
  await expect(banner(page).getByRole('button', { name: 'Back to live' })).toBeVisible();
  await expect(banner(page).getByRole('button', { name: 'Fork from here' })).toBeVisible();
  await expect(cardGrid(page)).toContainText('Record the demo');
  await expect(cardGrid(page)).not.toContainText('Ship the timeline');
  await expect(page.getByRole('button', { name: /^card, 3 rows/ })).toBeVisible();
  await shot(page, 'timeline-past');

  // Step forward: the first card appears, with its diff and what alice was sent.
  await page.keyboard.press('Alt+ArrowRight');
  await expect(banner(page)).toContainText(`Viewing #${a} of ${b + 1}`);
  await expect(cardGrid(page)).toContainText('Ship the timeline');
  await expect(cardGrid(page)).not.toContainText('Write the changelog');
  const details = page.getByRole('article', { name: `Entry #${a}` });
  await expect(details.getByRole('table', { name: 'Changes to card' })).toContainText('Ship the timeline');
  await expect(details.getByRole('region', { name: 'Sent to clients' })).toContainText('alice');
  await expect(details).toContainText('{"board_id":1,"title":"Ship the timeline"}');

  // Every panel is read-only in the past: SQL reads the old state, reducers can't be called, clients show their old caches.
  await rightTab(page, 'SQL').click();
  await fillSql(page, 'SQL query', 'SELECT * FROM card');
  await page.getByRole('button', { name: /^Run/ }).click();
  await expect(page.getByRole('status', { name: 'SQL summary' })).toHaveText(new RegExp(`^4 rows as owner .* as of #${a}, read-only$`));
  await rightTab(page, /Reducers/).click();
  await expect(page.getByRole('note')).toContainText(`Viewing #${a}: the past is read-only`);
  await expect(reducerForm(page, 'add_card').getByRole('button', { name: 'Call' })).toBeDisabled();
  await bottomTab(page, /Clients/).click();
  await expect(client(page, 'alice').getByRole('table', { name: "alice's card" })).toContainText('Ship the timeline');
  await expect(client(page, 'alice')).toContainText(`Cache at #${a}`);
  await shot(page, 'timeline-past-clients');

  // Back to live.
  await banner(page).getByRole('button', { name: 'Back to live' }).click();
  await expect(banner(page)).toHaveCount(0);
  await rightTab(page, /Tables/).click();
  await expect(cardGrid(page)).toContainText('Write the changelog');

  // Edit the module (not published) and replay the history against it: the new console line shows up retroactively.
  await page.getByRole('tablist', { name: 'Files' }).getByRole('tab', { name: 'cards.ts' }).click();
  await replaceEditorText(page, LOGGED);
  await bottomTab(page, 'Timeline').click();
  await page.getByRole('button', { name: 'Replay with edited code' }).click();
  const summary = page.getByRole('status', { name: 'Replay summary' });
  await expect(summary).toContainText('against the edited code: 5 divergences');
  const divergences = page.getByRole('list', { name: 'Divergences' });
  await expect(divergences).toContainText('differs: logs');
  await expect(divergences).toContainText('replayed card: Ship the timeline');
  await expect(entries(page).getByText('≠ replay')).toHaveCount(5);
  await shot(page, 'timeline-replay');

  // Fork from the first card: the fork is live, without the second card; the original timeline is kept.
  await divergences.getByRole('button', { name: `Go to entry #${a}` }).click();
  await expect(banner(page)).toContainText(`Viewing #${a} of ${b + 1}`);
  await banner(page).getByRole('button', { name: 'Fork from here' }).click();
  await expect(page.getByRole('combobox', { name: 'Timeline' })).toHaveValue('fork-1');
  await expect(banner(page)).toHaveCount(0);
  await expect(page.getByRole('status', { name: 'Timeline position' })).toHaveText(`live · ${a + 1} entries`);
  await expect(cardGrid(page)).toContainText('Ship the timeline');
  await expect(cardGrid(page)).not.toContainText('Write the changelog');
  await shot(page, 'timeline-fork');
  await bottomTab(page, /Clients/).click();
  await expect(client(page, 'alice')).toContainText('online');
  await expect(client(page, 'alice').getByRole('table', { name: "alice's card" })).toContainText('Ship the timeline');
  await expect(client(page, 'alice').getByRole('table', { name: "alice's card" })).not.toContainText('Write the changelog');
  await bottomTab(page, 'Timeline').click();

  // Switch back to the original timeline: the second card is there again.
  await page.getByRole('combobox', { name: 'Timeline' }).selectOption('main');
  await expect(page.getByRole('status', { name: 'Timeline position' })).toHaveText(/^live · \d+ entries$/);
  await expect(cardGrid(page)).toContainText('Write the changelog');
  const options = page.getByRole('combobox', { name: 'Timeline' }).getByRole('option');
  await expect(options).toHaveText([/^fork-1 \(from main #\d+\)/, /^main · \d+ entries/]);

  // Export the live timeline as a history file, and import it back as a timeline of its own.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export history' }).click();
  const file = await downloading;
  expect(file.suggestedFilename()).toBe('main.history.jsonl');
  await page.getByLabel('History file').setInputFiles(await file.path());
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toContainText(`Imported ${b + 1} entries as timeline "import-2"`);
  await expect(options).toHaveCount(3);

  // A reload keeps every committed entry, on the timeline that was live.
  await page.waitForTimeout(600);
  await page.reload();
  await expect(publishStatus(page)).toHaveText(/Restored from this browser|Edited · not published/, { timeout: 60_000 });
  await bottomTab(page, 'Timeline').click();
  await expect(page.getByRole('combobox', { name: 'Timeline' })).toHaveValue('main');
  await expect(page.getByRole('status', { name: 'Timeline position' })).toHaveText(`live · ${b + 1} entries`);
  await expect(entries(page).getByRole('button', { name: /add_card by alice/ })).toHaveCount(4);
});
