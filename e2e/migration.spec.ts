import { expect, test } from '@playwright/test';
import { bottomTab, confirmDataLoss, openPlayground, publishStatus, reducerForm, replaceEditorText, rightTab, shot, waitForSeed } from './fixtures.ts';

// Publishing over a running database keeps its rows when upstream's automatic
// migration allows it (crates/schema/src/auto_migrate.rs); otherwise the
// dialog gives upstream's reason and Cancel keeps everything.
const NOTES = (columns: string, extra = '') => `import { schema, table, t } from 'spacetimedb/server';

const note = table({ name: 'note', public: true }, { id: t.u64().primaryKey().autoInc(), ${columns} });
${extra}
const spacetimedb = schema({ note${extra ? ', tag' : ''} });
export default spacetimedb;

export const add_note = spacetimedb.reducer({ text: t.string() }, (ctx, { text }) => {
  ctx.db.note.insert({ id: 0n, text } as never);
});
`;
const V1 = NOTES('text: t.string()');
const V2 = NOTES('text: t.string(), pinned: t.bool().default(false)', "const tag = table({ name: 'tag', public: true }, { label: t.string() });");
const V3 = NOTES('pinned: t.bool().default(false)', "const tag = table({ name: 'tag', public: true }, { label: t.string() });");

const tableButton = (page: import('@playwright/test').Page, name: string) => page.getByRole('navigation', { name: 'Tables' }).getByRole('button', { name: new RegExp(`^${name}, `) });

test('a compatible schema change keeps the rows; an incompatible one asks, and Cancel keeps them', async ({ page }) => {
  await openPlayground(page);
  await waitForSeed(page);

  await replaceEditorText(page, V1);
  await expect(publishStatus(page)).toContainText('Edited');
  await page.keyboard.press('ControlOrMeta+S');
  await confirmDataLoss(page);
  await expect(publishStatus(page)).toHaveText(/^Published in \d+ ms$/);

  await rightTab(page, /Reducers/).click();
  const form = reducerForm(page, 'add_note');
  for (const text of ['first', 'second']) {
    await form.getByLabel(/^text/).fill(text);
    await form.getByRole('button', { name: 'Call' }).click();
    await expect(form.getByRole('status', { name: 'Outcome of add_note' })).toHaveText(/^Committed in/);
  }

  // Add a column with a default and a table: no dialog, the rows stay.
  await replaceEditorText(page, V2);
  await expect(publishStatus(page)).toContainText('Edited');
  await page.keyboard.press('ControlOrMeta+S');
  await expect(publishStatus(page)).toHaveText(/^Published in \d+ ms$/);
  await bottomTab(page, /Log/).click();
  await expect(page.getByText(/Published a new version over the running database: 2 rows kept, init not run/)).toBeVisible();
  await rightTab(page, /Tables/).click();
  await expect(tableButton(page, 'note')).toHaveAccessibleName(/^note, 2 rows/);
  await tableButton(page, 'note').click();
  await expect(page.getByRole('table', { name: 'note' })).toContainText('pinned');
  await expect(page.getByRole('table', { name: 'note' })).toContainText('second');
  await shot(page, 'migration-kept');

  // Remove a column: upstream needs a manual migration; the dialog says so.
  await replaceEditorText(page, V3);
  await expect(publishStatus(page)).toContainText('Edited');
  await page.keyboard.press('ControlOrMeta+S');
  const dialog = page.getByRole('dialog', { name: 'This schema change deletes data' });
  // Upstream reports every reason: `pinned` moved from column 2 to 1 as well.
  await expect(dialog.getByRole('list', { name: "Why the data can't be kept" }).getByRole('listitem')).toHaveText([
    'Removing a column text from table note requires a manual migration',
    'Reordering table note requires a manual migration',
  ]);
  await shot(page, 'migration-refused');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(publishStatus(page)).toContainText('Publish cancelled: the data is kept');
  await expect(tableButton(page, 'note')).toHaveAccessibleName(/^note, 2 rows/);

  // The kept database comes back after a reload, with its new column.
  await page.reload();
  await expect(publishStatus(page)).toContainText('Edited · not published', { timeout: 60_000 });
  await bottomTab(page, /Log/).click();
  await expect(page.getByText(/Restored the published module and its data from this browser/)).toBeVisible();
  await rightTab(page, /Tables/).click();
  await expect(tableButton(page, 'note')).toHaveAccessibleName(/^note, 2 rows/);
  await tableButton(page, 'note').click();
  await expect(page.getByRole('table', { name: 'note' })).toContainText('pinned');
});
