import { expect, type Page } from '@playwright/test';

export const SCREENSHOTS = 'test-results/screenshots';

export const publishStatus = (page: Page) => page.getByRole('status', { name: 'Publish status' });
export const rightTab = (page: Page, name: string | RegExp) => page.getByRole('tablist', { name: 'Database' }).getByRole('tab', { name });
export const bottomTab = (page: Page, name: string | RegExp) => page.getByRole('tablist', { name: 'Activity' }).getByRole('tab', { name });
export const client = (page: Page, name: string) => page.getByRole('article', { name: `Client ${name}` });
export const reducerForm = (page: Page, name: string) => page.getByRole('form', { name: `Reducer ${name}` });

/** Opens the playground and waits until a module is published (the first visit publishes Kanban with alice and bob). */
export async function openPlayground(page: Page) {
  await page.goto('/');
  await expect(publishStatus(page)).toHaveText(/Published in \d+ ms|Restored/, { timeout: 60_000 });
}

/** Waits for the first visit's seed: both clients online with their boards. */
export async function waitForSeed(page: Page) {
  await expect(client(page, 'alice').getByRole('table', { name: "alice's board" })).toContainText('Launch plan');
  await expect(client(page, 'bob').getByRole('table', { name: "bob's board" })).toContainText('Bug triage');
}

/**
 * Replaces the active file's text as a user pasting a module would: select
 * all, then paste. (Typed text would be re-indented by Monaco as it goes;
 * the paste event carries the text without touching the system clipboard.)
 */
export async function replaceEditorText(page: Page, text: string) {
  const editor = page.getByRole('textbox', { name: /^Editor: / });
  await editor.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await editor.evaluate((el, pasted) => {
    // Runs in the page; e2e/ compiles without the DOM library, hence the local types.
    type Dom = { DataTransfer: new () => { setData(type: string, value: string): void }; ClipboardEvent: new (type: string, init: object) => Event };
    const dom = globalThis as unknown as Dom;
    const data = new dom.DataTransfer();
    data.setData('text/plain', pasted);
    el.dispatchEvent(new dom.ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/** Answers the dialog a publish shows when its schema change deletes stored rows: go ahead. */
export async function confirmDataLoss(page: Page) {
  const dialog = page.getByRole('dialog', { name: 'This schema change deletes data' });
  await dialog.getByRole('button', { name: 'Delete data and publish' }).click();
  await expect(dialog).toBeHidden();
}

export async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png` });
}

/** A SQL console's editor text box ('SQL query', 'Subscription query'): a small Monaco editor. */
export const sqlEditor = (page: Page, name: string) => page.getByRole('textbox', { name, exact: true });

/** The text a SQL console shows (Monaco's rendered lines; its text box holds only part of it). */
export const sqlEditorText = (page: Page, name: string) => page.locator('.sql-console-editor', { has: sqlEditor(page, name) }).locator('.view-lines');

/** Replaces a SQL console's text as typed in one go (Monaco's completion may pop up after it). */
export async function fillSql(page: Page, name: string, text: string) {
  const box = sqlEditor(page, name);
  await box.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(text);
  // Completion pops up a moment after typing; let it, then close it, so Enter runs rather than accepts.
  await page.waitForTimeout(150);
  await page.keyboard.press('Escape');
}
