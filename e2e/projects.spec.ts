import { expect, test, type Page } from '@playwright/test';
import { openPlayground, publishStatus, reducerForm, rightTab, shot } from './fixtures.ts';

const message = (page: Page) => page.getByLabel('Project message');
const projectSelect = (page: Page) => page.getByRole('combobox', { name: 'Project', exact: true });
const dialog = (page: Page) => page.getByRole('dialog');

async function menuItem(page: Page, name: RegExp) {
  await page.getByRole('button', { name: 'Project menu' }).click();
  await page.getByRole('menu', { name: 'Project' }).getByRole('menuitem', { name }).click();
}

/** Each table's row count as the Tables list announces it ("card, 3 rows"), once every count is known. */
async function counts(page: Page): Promise<string[]> {
  await rightTab(page, /Tables/).click();
  const items = page.getByRole('navigation', { name: 'Tables' }).getByRole('button');
  await expect(items.first()).toBeVisible();
  await expect.poll(async () => (await items.evaluateAll(els => els.map(e => e.getAttribute('aria-label')))).join('|')).not.toContain('unknown');
  return items.evaluateAll(els => els.map(e => e.getAttribute('aria-label') ?? ''));
}

async function restored(page: Page) {
  await expect(publishStatus(page)).toHaveText(/Restored from this browser/, { timeout: 60_000 });
}

test('create, rename, duplicate with data, delete and reset data from the project menu; a reload keeps each result', async ({ page }) => {
  await openPlayground(page);
  // The first visit's seed calls (three cards) have run.
  await expect.poll(async () => (await counts(page)).join('|')).toContain('card, 3 rows');
  const original = await counts(page);

  await page.getByRole('button', { name: 'Project menu' }).click();
  await expect(page.getByRole('menu', { name: 'Project' }).getByRole('menuitemradio', { name: /My project/ })).toHaveAttribute('aria-checked', 'true');
  await shot(page, 'project-menu');
  await page.keyboard.press('Escape');

  // Duplicate: the copy has the same data.
  await menuItem(page, /^Duplicate/);
  await expect(message(page)).toContainText('Duplicated as "My project copy"');
  await message(page).getByRole('button', { name: 'Open My project copy' }).click();
  await expect(page).toHaveURL(/\?project=My%20project%20copy$/);
  await restored(page);
  await expect.poll(() => counts(page)).toEqual(original);

  // Rename: a bad name explains itself in the dialog; a good one reopens the project under it, data and all.
  await menuItem(page, /^Rename/);
  const rename = dialog(page);
  await expect(rename.getByLabel('New name')).toHaveValue('My project copy');
  await rename.getByLabel('New name').fill('   ');
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(rename.getByRole('alert')).toHaveText('A project needs a name: type one.');
  await rename.getByLabel('New name').fill('Board room');
  await shot(page, 'project-rename');
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(page).toHaveURL(/\?project=Board%20room$/);
  await restored(page);
  await expect.poll(() => counts(page)).toEqual(original);
  await page.reload();
  await restored(page);
  // The old name is gone; the first project is listed by its sample's name.
  expect((await projectSelect(page).getByRole('option').allInnerTexts()).sort()).toEqual(['Board room', 'My project']);

  // New: a blank module that publishes.
  await menuItem(page, /^New project/);
  await dialog(page).getByLabel('Project name').fill('Notes');
  await dialog(page).getByRole('button', { name: 'Create project' }).click();
  await expect(page).toHaveURL(/\?project=Notes$/);
  await expect(publishStatus(page)).toHaveText('Not published yet', { timeout: 60_000 });
  await page.getByRole('button', { name: /^Publish/ }).click();
  await expect(publishStatus(page)).toHaveText(/^Published in \d+ ms$/);
  expect(await counts(page)).toEqual(['note, 0 rows']);

  // Delete the open project: the confirmation names it and what is lost; another project opens.
  await menuItem(page, /^Delete/);
  await expect(dialog(page)).toContainText('This deletes "Notes" from this browser: its sources, its data, its clients, its log and timelines.');
  await shot(page, 'project-delete');
  await dialog(page).getByRole('button', { name: 'Delete project' }).click();
  await restored(page);
  await expect(projectSelect(page).getByRole('option')).toHaveCount(2);
  await expect(projectSelect(page)).not.toHaveValue('Notes');
  await page.reload();
  await restored(page);
  expect(await projectSelect(page).getByRole('option').allInnerTexts()).not.toContain('Notes');

  // Reset data: a fresh database for the same sources, kept over a reload.
  await projectSelect(page).selectOption('Board room');
  await restored(page);
  await menuItem(page, /^Reset data/);
  await expect(dialog(page)).toContainText('Reset the data of "Board room"?');
  await dialog(page).getByRole('button', { name: 'Reset data' }).click();
  await expect(message(page)).toContainText('The data was reset');
  await expect.poll(async () => (await counts(page)).join('|')).toContain('card, 0 rows');
  const reset = await counts(page);
  await page.reload();
  await restored(page);
  await expect.poll(() => counts(page)).toEqual(reset);
});

test('a full storage is announced once, loses no change, and saving resumes when there is room', async ({ page }) => {
  // Chromium reads an origin's quota when its storage is first used: set it before the app opens IndexedDB.
  await page.goto('/favicon.svg');
  const cdp = await page.context().newCDPSession(page);
  const origin = new URL(page.url()).origin;
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1 });
  await openPlayground(page);
  await expect.poll(async () => (await counts(page)).join('|')).toContain('card, 3 rows');
  await expect(message(page)).toContainText("This browser's storage for the playground is full");
  await expect(message(page)).toContainText('kept in this tab only');
  await shot(page, 'storage-full');
  // Said once: dismissed, it does not come back with the next unsaved change.
  await message(page).getByRole('button', { name: 'Dismiss message' }).click();
  const form = reducerForm(page, 'create_board');
  const call = async (name: string) => {
    await rightTab(page, /Reducers/).click();
    await form.getByLabel(/^name/).fill(name);
    await form.getByRole('button', { name: 'Call' }).click();
    await expect(form.getByRole('status')).toHaveText(/^Committed/);
  };
  await call('While full');
  await page.waitForTimeout(500);
  await expect(message(page)).toBeHidden();

  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  await call('Room again');
  await expect(message(page)).toContainText('Saving works again');
  const before = await counts(page);
  expect(before.join('|')).toContain('card, 3 rows');
  await page.reload();
  await restored(page);
  await expect.poll(() => counts(page)).toEqual(before);
});
