// A row's history in the Tables panel: the entries that inserted and updated
// a Kanban card, the changed column, and a jump to one of them on the timeline.
import { expect, test, type Page } from '@playwright/test';
import { bottomTab, openPlayground, reducerForm, rightTab, shot, waitForSeed } from './fixtures.ts';

const details = (page: Page) => page.getByRole('complementary', { name: 'Row details' });
const history = (page: Page) => details(page).getByRole('list', { name: 'Entries that changed this row' });

test("a card's row shows its insert and its move, and an entry opens on the timeline", async ({ page }) => {
  test.setTimeout(150_000);
  await openPlayground(page);
  await waitForSeed(page);

  // Alice moves her first card to "doing".
  await rightTab(page, /Reducers/).click();
  const form = reducerForm(page, 'move_card');
  await form.getByLabel(/^card_id/).fill('1');
  await form.getByLabel(/^state/).fill('doing');
  await form.getByLabel('Call as').selectOption('alice');
  await form.getByRole('button', { name: 'Call' }).click();
  await expect(form.getByRole('status', { name: 'Outcome of move_card' })).toHaveText(/^Committed in/);

  await rightTab(page, /Tables/).click();
  await page.getByRole('button', { name: /^card, / }).click();
  await page.getByRole('table', { name: 'card', exact: true }).getByRole('row', { name: /Write the announcement/ }).click();

  // Newest first: the move (only `state` changed), then the insert by alice's add_card.
  const entries = history(page).getByRole('listitem').filter({ has: page.getByRole('button', { name: /^View #\d+ on the timeline$/ }) });
  await expect(entries).toHaveCount(2);
  const [moved, added] = [entries.nth(0), entries.nth(1)];
  await expect(moved).toContainText('updated');
  await expect(moved).toContainText('move_card · alice');
  const changed = moved.locator('li.changed');
  await expect(changed).toHaveCount(1);
  await expect(changed).toHaveText('state todo → doing');
  await expect(added).toContainText('inserted');
  await expect(added).toContainText('add_card · alice');
  await expect(added).toContainText('title Write the announcement');
  await history(page).scrollIntoViewIfNeeded();
  await shot(page, 'row-history');

  // The move's position opens on the timeline; the details stay, marking that entry.
  const label = await moved.getByRole('button', { name: /^View #\d+/ }).getAttribute('aria-label');
  const position = Number(/#(\d+)/.exec(label ?? '')?.[1]);
  await moved.getByRole('button', { name: /^View #\d+/ }).click();
  await expect(bottomTab(page, /Timeline/)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('region', { name: 'Viewing the past' })).toContainText(`Viewing #${position} of `);
  await expect(page.getByRole('list', { name: 'Entries' }).getByRole('button', { name: new RegExp(`^Entry #${position}:`) })).toHaveAttribute('aria-current', 'true');
  await expect(moved).toHaveAttribute('aria-current', 'true');
  await shot(page, 'row-history-timeline');
});
