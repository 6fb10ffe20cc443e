import { expect, test, type Page } from '@playwright/test';
import { client, confirmDataLoss, publishStatus, reducerForm, replaceEditorText, rightTab, shot } from './fixtures.ts';

const ROWS = 1_000_000;
const CALLS = 4;
/** Scores are a permutation of 0..P-1 (P prime), so the largest one is unique. */
const P = 1_000_003;
const score = (i: number) => (i * 7919) % P;

const POINTS = `import { schema, table, t } from 'spacetimedb/server';

const point = table(
  { name: 'point', public: true },
  { id: t.u32().primaryKey(), score: t.u32(), label: t.string() }
);
const spacetimedb = schema({ point });
export default spacetimedb;

export const fill = spacetimedb.reducer({ start: t.u32(), count: t.u32() }, (ctx, { start, count }) => {
  for (let i = start; i < start + count; i++) ctx.db.point.insert({ id: i, score: (i * 7919) % ${P}, label: 'p' + i });
});

export const add = spacetimedb.reducer({ id: t.u32(), score: t.u32(), label: t.string() }, (ctx, row) => {
  ctx.db.point.insert(row);
});
`;

const grid = (page: Page) => page.getByRole('table', { name: 'point' });
const firstRow = (page: Page) => grid(page).getByRole('row').nth(1);

/** Clicks a column header twice (asc, then desc), checking each step. */
async function sortDescending(page: Page, column: string) {
  const header = grid(page).getByRole('columnheader', { name: new RegExp(`^${column}`) });
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
}

async function call(page: Page, reducer: string, fields: Record<string, string>) {
  const form = reducerForm(page, reducer);
  for (const [name, value] of Object.entries(fields)) await form.getByLabel(new RegExp(`^${name}`)).fill(value);
  await form.getByRole('button', { name: 'Call' }).click();
  await expect(form.getByRole('status', { name: `Outcome of ${reducer}` })).toHaveText(/^Committed in/, { timeout: 120_000 });
}

test('a million-row table scrolls, sorts and filters in the engine, and flashes the latest insert', async ({ page }) => {
  test.setTimeout(600_000);
  // A quarter of a million inserts in one reducer call outlasts the default 5 s watchdog on a busy machine.
  await page.goto('/?watchdog=120000');
  await expect(publishStatus(page)).toHaveText(/Published in \d+ ms|Restored/, { timeout: 60_000 });
  // Edit once the first visit's seed has settled (its clients online), as a user would.
  for (const name of ['alice', 'bob']) await expect(client(page, name)).toContainText('online', { timeout: 60_000 });
  await replaceEditorText(page, POINTS);
  await page.getByRole('button', { name: /^Publish/ }).click();
  await confirmDataLoss(page);
  await expect(publishStatus(page)).toHaveText(/^Published in \d+ ms$/, { timeout: 60_000 });

  await rightTab(page, /Reducers/).click();
  for (let k = 0; k < CALLS; k++) await call(page, 'fill', { start: String((k * ROWS) / CALLS), count: String(ROWS / CALLS) });

  await rightTab(page, /Tables/).click();
  await expect(page.getByRole('button', { name: `point, ${ROWS} rows` })).toBeVisible();
  const view = page.locator('.table-view');
  await expect(view.getByText('1,000,000 rows', { exact: true })).toBeVisible();
  await expect(firstRow(page)).toContainText('p0');

  // Scroll to the very bottom: the last row is fetched and shown.
  await view.locator('.grid-scroll').evaluate(el => {
    const s = el as unknown as { scrollTop: number; scrollHeight: number };
    s.scrollTop = s.scrollHeight;
  });
  await expect(grid(page).getByRole('row').filter({ hasText: `p${ROWS - 1}` })).toBeVisible();
  await shot(page, 'tables-bottom');

  // Sort by score (no index), descending: the largest score comes first.
  let max = 0;
  for (let i = 0; i < ROWS; i++) max = Math.max(max, score(i));
  await sortDescending(page, 'score');
  await expect(firstRow(page).getByRole('cell').nth(1)).toHaveText(String(max), { timeout: 60_000 });
  await shot(page, 'tables-sorted');

  // Filter in the engine: p99999 and p999990..p999999.
  await view.getByLabel('Filter point').fill('label:p99999');
  await expect(view.getByText('11 of 1,000,000 rows')).toBeVisible({ timeout: 60_000 });
  await expect(grid(page).getByRole('row')).toHaveCount(12);
  await view.getByLabel('Filter point').fill('nope = 1');
  await expect(view.getByRole('alert')).toContainText('No column "nope" in point');
  await view.getByLabel('Filter point').fill('');

  // One more row through the Reducers panel: it is flashed where it lands, and only it.
  await rightTab(page, /Reducers/).click();
  await call(page, 'add', { id: String(ROWS), score: String(P), label: 'newest' });
  await rightTab(page, /Tables/).click();
  await expect(view.getByText('1,000,001 rows', { exact: true })).toBeVisible();
  // The panel kept its sort (score, descending): the new row, with the largest score, comes first.
  await expect(grid(page).getByRole('columnheader', { name: /^score/ })).toHaveAttribute('aria-sort', 'descending');
  await expect(firstRow(page)).toContainText('newest', { timeout: 60_000 });
  await expect(firstRow(page)).toHaveClass(/flash/);
  await expect(grid(page).getByRole('row').nth(2)).not.toHaveClass(/flash/);
  await shot(page, 'tables');

  // The row opens in full.
  await firstRow(page).click();
  await expect(page.getByRole('complementary', { name: 'Row details' })).toContainText('newest');
});
