/**
 * The first-visit tour: it starts by itself once Kanban is published and
 * alice and bob are online, points at the editor, Tables, Clients and
 * Timeline in turn (selecting each panel), never starts by itself again,
 * and the palette's "Take the tour" brings it back, keyboard and all.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { bottomTab, openPlayground, publishStatus, rightTab, shot, waitForSeed } from './fixtures.ts';

const tour = (page: Page, title?: string) => page.getByRole('dialog', { name: title ? `Tour: ${title}` : /^Tour: / });

/** The popover touches or overlaps its anchor's box (grown by 40px): it points at that element, not somewhere else. */
async function expectNear(popover: Locator, anchor: Locator) {
  const p = await popover.boundingBox();
  const a = await anchor.boundingBox();
  if (!p || !a) throw new Error('the popover or its anchor is not on screen');
  const m = 40;
  expect(p.x < a.x + a.width + m && p.x + p.width > a.x - m && p.y < a.y + a.height + m && p.y + p.height > a.y - m, `popover ${JSON.stringify(p)} is near ${JSON.stringify(a)}`).toBe(true);
}

const editor = (page: Page) => page.locator('.editor-area .code-editor');
const database = (page: Page) => page.getByRole('region', { name: 'Database' });
const activity = (page: Page) => page.getByRole('region', { name: 'Activity' });

test('a first visit tours module, tables, clients and timeline once, anchored at each', async ({ page }) => {
  await openPlayground(page);
  await waitForSeed(page);
  const module = tour(page, 'Module');
  await expect(module).toBeVisible();
  await expect(module).toContainText('1 of 4');
  await expect(module).toBeFocused();
  await expectNear(module, editor(page));
  await shot(page, 'tour-module');

  // The page stays usable: other panels can be picked; the tour selects the one it points at.
  await rightTab(page, 'SQL').click();
  await bottomTab(page, /Log/).click();
  await module.getByRole('button', { name: 'Next', exact: true }).click();
  const tables = tour(page, 'Tables');
  await expect(tables).toContainText('2 of 4');
  await expect(rightTab(page, /Tables/)).toHaveAttribute('aria-selected', 'true');
  await expectNear(tables, database(page));

  await tables.getByRole('button', { name: 'Next', exact: true }).click();
  const clients = tour(page, 'Clients');
  await expect(clients).toContainText('3 of 4');
  await expect(bottomTab(page, /Clients/)).toHaveAttribute('aria-selected', 'true');
  await expectNear(clients, activity(page));
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, 'tour-clients-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await clients.getByRole('button', { name: 'Next', exact: true }).click();
  const timeline = tour(page, 'Timeline');
  await expect(timeline).toContainText('4 of 4');
  await expect(bottomTab(page, /Timeline/)).toHaveAttribute('aria-selected', 'true');
  await expectNear(timeline, activity(page));
  await timeline.getByRole('button', { name: 'Done' }).click();
  await expect(tour(page)).toHaveCount(0);
  expect(await page.evaluate(() => localStorage.getItem('spacetime-playground:tour'))).toBe('finished');

  await page.reload();
  await expect(publishStatus(page)).toHaveText(/Restored/, { timeout: 60_000 });
  await bottomTab(page, /Clients/).click();
  await waitForSeed(page);
  await page.waitForTimeout(500);
  await expect(tour(page)).toHaveCount(0);
});

test('the palette restarts the tour; arrows and Enter move it, Esc skips and focus returns', async ({ page }) => {
  await openPlayground(page);
  await waitForSeed(page);
  await expect(tour(page, 'Module')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(tour(page)).toHaveCount(0);
  expect(await page.evaluate(() => localStorage.getItem('spacetime-playground:tour'))).toBe('skipped');

  const sqlTab = rightTab(page, 'SQL');
  await sqlTab.click();
  await page.keyboard.press('ControlOrMeta+K');
  await page.getByRole('combobox', { name: 'Search commands' }).fill('take the tour');
  await page.keyboard.press('Enter');
  await expect(tour(page, 'Module')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(tour(page, 'Tables')).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await expect(tour(page, 'Module')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(tour(page, 'Tables')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(tour(page)).toHaveCount(0);
  await expect(sqlTab).toBeFocused();
});

test('a browser that already skipped the tour gets none on a first visit', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('spacetime-playground:tour', 'skipped'));
  await openPlayground(page);
  await waitForSeed(page);
  await page.waitForTimeout(500);
  await expect(tour(page)).toHaveCount(0);
});
