import { readFile, writeFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { client, openPlayground, publishStatus, replaceEditorText, rightTab, shot, waitForSeed } from './fixtures.ts';

const KANBAN_INDEX = await readFile(new URL('../samples/kanban/index.ts', import.meta.url), 'utf8');
const KANBAN_SCHEMA = await readFile(new URL('../samples/kanban/schema.ts', import.meta.url), 'utf8');
const KANBAN_FILES = ['index.ts', 'access.ts', 'boards.ts', 'cards.ts', 'metrics.ts', 'presence.ts', 'schema.ts', 'users.ts'];

const message = (page: Page) => page.getByLabel('Project message');
const projectSelect = (page: Page) => page.getByRole('combobox', { name: 'Project', exact: true });
const fileTabs = (page: Page) => page.getByRole('tablist', { name: 'Files' }).getByRole('tab');
const exportItem = async (page: Page, name: RegExp) => {
  await page.getByRole('button', { name: 'Export ▾' }).click();
  await page.getByRole('menu', { name: 'Export' }).getByRole('menuitem', { name }).click();
};

test('a share link opens the sources as a new project in another tab; bad links explain themselves', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openPlayground(page);
  await waitForSeed(page);
  await replaceEditorText(page, `// shared-marker: an unpublished edit travels too\n${KANBAN_INDEX}`);

  await page.getByRole('button', { name: 'Share' }).click();
  await expect(page.getByRole('dialog', { name: 'Share link' })).toContainText('Share link copied');
  const url = await page.getByLabel('Share link URL').inputValue();
  expect(url).toMatch(/\/#v1=[\w-]+$/);
  // e2e/ compiles without the DOM library, hence the local type.
  type Clip = { navigator: { clipboard: { readText(): Promise<string> } } };
  expect(await page.evaluate(() => (globalThis as unknown as Clip).navigator.clipboard.readText())).toBe(url);
  await shot(page, 'share-link');

  const other = await context.newPage();
  await other.goto(url);
  await expect(message(other)).toContainText('Opened the shared module as a new project, "Kanban"');
  await expect(publishStatus(other)).toHaveText('Not published yet', { timeout: 60_000 });
  await expect(other).toHaveURL(/\?project=Kanban$/);
  await expect(fileTabs(other)).toHaveText(KANBAN_FILES);
  await expect(other.locator('.code-editor .view-lines')).toContainText('shared-marker');
  await expect(projectSelect(other)).toHaveValue('Kanban');
  await shot(other, 'share-opened');

  // Its code runs only when asked; the first project is untouched, still published with its data.
  await other.getByRole('button', { name: /^Publish/ }).click();
  await expect(publishStatus(other)).toHaveText(/^Published in \d+ ms$/);
  await projectSelect(other).selectOption('default');
  await expect(publishStatus(other)).toHaveText('Edited · not published', { timeout: 60_000 });
  await expect(projectSelect(other)).toHaveValue('default');
  await waitForSeed(other);

  // A damaged link and one from a newer format: a sentence each, and the last project opens as before.
  await other.goto('/#v1=not-really-deflate');
  await expect(message(other)).toHaveText(/^This share link is damaged \(it (does not unpack|ends early)\).*Nothing was opened; your projects are unchanged\./);
  await expect(publishStatus(other)).toHaveText(/Restored from this browser|Edited/, { timeout: 60_000 });
  await shot(other, 'share-bad-link');
  await other.goto(url.replace('#v1=', '#v7='));
  await expect(message(other)).toContainText('This share link is version 7, from a newer Spacetime Playground');
  await expect(projectSelect(other).getByRole('option')).toHaveCount(2);
});

test('export a project file and import it as a new project with its data; download the zip for spacetime publish', async ({ page }, info) => {
  await openPlayground(page);
  await waitForSeed(page);

  const exported = page.waitForEvent('download');
  await exportItem(page, /^Export project file/);
  const file = await exported;
  expect(file.suggestedFilename()).toBe('kanban.spacetime.json');
  const path = info.outputPath('kanban.spacetime.json');
  await file.saveAs(path);
  const doc = JSON.parse(await readFile(path, 'utf8'));
  expect(doc).toMatchObject({ format: 'spacetime-playground-project', version: 1, project: { name: 'Kanban', entry: 'index.ts' } });
  expect(Object.keys(doc.project.files)).toEqual(expect.arrayContaining(KANBAN_FILES));
  expect(doc.journal.inputs.length).toBeGreaterThan(7);

  const chooser = page.waitForEvent('filechooser');
  await exportItem(page, /^Import project file/);
  await (await chooser).setFiles(path);
  await expect(page).toHaveURL(/\?project=Kanban$/);
  await expect(publishStatus(page)).toHaveText('Restored from this browser', { timeout: 60_000 });
  await waitForSeed(page);
  await expect(projectSelect(page).getByRole('option')).toHaveText(['Kanban', 'My project']);

  // A file that is not a project file changes nothing and says why.
  const bad = info.outputPath('notes.json');
  await writeFile(bad, '{"format":"something-else"}');
  const chooser2 = page.waitForEvent('filechooser');
  await exportItem(page, /^Import project file/);
  await (await chooser2).setFiles(bad);
  await expect(page.getByRole('alert', { name: 'Project message' })).toContainText('This is not a Spacetime Playground project file');
  await expect(projectSelect(page).getByRole('option')).toHaveCount(2);
  await shot(page, 'share-import-error');

  const zipped = page.waitForEvent('download');
  await exportItem(page, /^Download for spacetime publish/);
  const zip = await zipped;
  expect(zip.suggestedFilename()).toBe('kanban.zip');
  const zipPath = info.outputPath('kanban.zip');
  await zip.saveAs(zipPath);
  const entries = unzipSync(new Uint8Array(await readFile(zipPath)));
  expect(Object.keys(entries)).toEqual(expect.arrayContaining([
    'kanban/package.json', 'kanban/tsconfig.json', 'kanban/src/index.ts', 'kanban/src/schema.ts',
    'kanban/module_bindings/index.ts', 'kanban/module_bindings/board_table.ts',
  ]));
  expect(JSON.parse(strFromU8(entries['kanban/package.json']!)).dependencies).toHaveProperty('spacetimedb');
  await expect(message(page)).toContainText('Downloaded kanban.zip');
  await shot(page, 'share-eject');
});

test('the command palette reaches panels, and a publish that can\'t keep the rows shows why and the schema diff first', async ({ page }) => {
  await openPlayground(page);
  await waitForSeed(page);

  await page.getByRole('textbox', { name: /^Editor: / }).focus();
  await page.keyboard.press('ControlOrMeta+K');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await page.getByRole('combobox', { name: 'Search commands' }).fill('show sq');
  await expect(palette.getByRole('option').first()).toHaveText(/Show SQL/);
  await shot(page, 'share-palette');
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
  await expect(rightTab(page, 'SQL')).toHaveAttribute('aria-selected', 'true');

  await fileTabs(page).filter({ hasText: 'schema.ts' }).click();
  await replaceEditorText(page, KANBAN_SCHEMA.replace('    name: t.string(),\n    owner: t.identity(),', '    title: t.string(),\n    owner: t.identity(),'));
  await page.getByRole('button', { name: /^Publish/ }).click();
  const dialog = page.getByRole('dialog', { name: 'This schema change deletes data' });
  // The engine refuses to keep the data with upstream's reason (crates/schema/src/auto_migrate.rs).
  await expect(dialog.getByRole('list', { name: "Why the data can't be kept" })).toHaveText('Removing a column name from table board requires a manual migration');
  await expect(dialog).toContainText('Publishing on a fresh database deletes all 10 rows');
  await expect(dialog.getByRole('list', { name: 'Changes to board' })).toContainText('removed column name');
  await expect(dialog.getByRole('list', { name: 'Changes to board' })).toContainText('added column title');
  await shot(page, 'share-schema-diff');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(publishStatus(page)).toContainText('Publish cancelled: the data is kept');
  await expect(client(page, 'alice').getByRole('table', { name: "alice's board" })).toContainText('Launch plan');
});
