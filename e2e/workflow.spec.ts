import { expect, test } from '@playwright/test';
import { bottomTab, client, confirmDataLoss, openPlayground, publishStatus, reducerForm, replaceEditorText, rightTab, shot, waitForSeed, fillSql, sqlEditor } from './fixtures.ts';

const NOTES = (body: string) => `import { schema, table, t } from 'spacetimedb/server';

const note = table(
  { name: 'note', public: true },
  { id: t.u64().primaryKey().autoInc(), text: t.string(), author: t.identity() }
);
const spacetimedb = schema({ note });
export default spacetimedb;

export const add_note = spacetimedb.reducer({ text: t.string() }, (ctx, { text }) => {
${body}  ctx.db.note.insert({ id: 0n, text, author: ctx.sender });
});
`;
const BROKEN = NOTES('  const length: number = text;\n  console.info(length);\n');
const FIXED = NOTES("  console.info('note: ' + text);\n");

test('write a module, fix its type error, publish, call, query, subscribe, and find it all after a reload', async ({ page }) => {
  await openPlayground(page);
  await waitForSeed(page);

  // Write a module from scratch: Monaco's TypeScript service flags the error as you type.
  await replaceEditorText(page, BROKEN);
  await bottomTab(page, /Problems/).click();
  const problems = page.getByRole('list', { name: 'Problems' });
  await expect(problems).toContainText("index.ts:11:9 Type 'string' is not assignable to type 'number'.");
  await expect(publishStatus(page)).toContainText('1 type error');
  await shot(page, 'editor-type-error');

  await replaceEditorText(page, FIXED);
  await expect(page.getByText('No problems.')).toBeVisible();
  await page.keyboard.press('ControlOrMeta+S');
  await confirmDataLoss(page);
  await expect(publishStatus(page)).toHaveText(/^Published in \d+ ms$/);
  await expect(rightTab(page, /Reducers/)).toContainText('1');

  // The clients reconnected to the new version; alice subscribes to its table.
  await bottomTab(page, /Clients/).click();
  await expect(client(page, 'alice')).toContainText('online');
  await client(page, 'alice').getByLabel('New subscription for alice').fill('SELECT * FROM note');
  await client(page, 'alice').getByRole('button', { name: 'Add' }).click();

  // Insert through the reducer form, as alice.
  await rightTab(page, /Reducers/).click();
  const form = reducerForm(page, 'add_note');
  await form.getByLabel(/^text/).fill('hello from the form');
  await form.getByLabel('Call as').selectOption('alice');
  await form.getByRole('button', { name: 'Call' }).click();
  await expect(form.getByRole('status', { name: 'Outcome of add_note' })).toHaveText(/^Committed in/);
  await expect(client(page, 'alice').getByRole('table', { name: "alice's note" })).toContainText('hello from the form');
  await shot(page, 'reducers');

  // Query it in SQL, as bob (the table is public, no filter).
  await rightTab(page, 'SQL').click();
  await fillSql(page, 'SQL query', "SELECT * FROM note WHERE text = 'hello from the form'");
  await page.getByLabel('Run as').selectOption('bob');
  await sqlEditor(page, 'SQL query').press('ControlOrMeta+Enter');
  await expect(page.getByRole('status', { name: 'SQL summary' })).toHaveText(/^1 row as bob/);
  await expect(page.getByRole('table', { name: 'SQL results' })).toContainText('hello from the form');
  await fillSql(page, 'SQL query', 'SELECT * FROM nope');
  await page.getByRole('button', { name: /^Run/ }).click();
  await expect(page.getByRole('alert', { name: 'SQL error' })).toContainText('nope');
  await fillSql(page, 'SQL query', 'SELECT * FROM note');
  await page.getByRole('button', { name: /^Run/ }).click();
  await expect(page.getByRole('table', { name: 'SQL results' })).toBeVisible();
  await shot(page, 'sql');

  // Subscribe: the result stays live and the change streams in with its reducer.
  await rightTab(page, 'Subscriptions').click();
  await fillSql(page, 'Subscription query', 'SELECT * FROM note');
  await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
  const live = page.getByRole('region', { name: 'Live query SELECT * FROM note' });
  await expect(live.getByRole('table', { name: 'Live rows of note' }).getByRole('row')).toHaveCount(2);
  await rightTab(page, /Reducers/).click();
  await form.getByLabel(/^text/).fill('second note');
  await form.getByRole('button', { name: 'Call' }).click();
  await expect(form.getByRole('status', { name: 'Outcome of add_note' })).toHaveText(/^Committed in/);
  await rightTab(page, 'Subscriptions').click();
  await expect(live.getByRole('table', { name: 'Live rows of note' }).getByRole('row')).toHaveCount(3);
  await expect(live.getByRole('list', { name: 'Changes to SELECT * FROM note' })).toContainText('add_note · alice');
  await expect(live.getByRole('list', { name: 'Changes to SELECT * FROM note' })).toContainText('second note');
  await shot(page, 'subscriptions');
  await bottomTab(page, /Clients/).click();
  await shot(page, 'clients-notes');

  // A reload brings back the code, the clients (connected, subscribed) and the data.
  await page.waitForTimeout(600);
  await page.reload();
  await expect(publishStatus(page)).toHaveText('Restored from this browser', { timeout: 60_000 });
  await expect(page.getByRole('textbox', { name: 'Editor: index.ts' })).toBeAttached();
  await expect(page.locator('.code-editor .view-lines')).toContainText('add_note');
  await expect(client(page, 'alice')).toContainText('online');
  await expect(client(page, 'bob')).toContainText('online');
  await expect(client(page, 'alice').getByRole('table', { name: "alice's note" }).getByRole('row')).toHaveCount(3);
  await rightTab(page, /Tables/).click();
  await expect(page.getByRole('table', { name: 'note', exact: true })).toContainText('second note');
  await shot(page, 'after-reload');
});
