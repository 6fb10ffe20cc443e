// The Arena sample in the real UI: open it from the gallery, join and steer
// as a client through the reducer forms, then watch the scheduled tick move
// the player, in the Tables panel and in the client's own cache, with no
// further call.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { bottomTab, client, openPlayground, publishStatus, reducerForm, rightTab, shot, waitForSeed } from './fixtures.ts';

const playerGrid = (page: Page) => page.getByRole('table', { name: 'player', exact: true });

/** Alice's "x,y" in a table of players (columns: identity, name, online, x, y, …). */
async function position(table: Locator): Promise<string> {
  const cells = table.getByRole('row').filter({ hasText: 'Alice' }).getByRole('cell');
  return `${await cells.nth(3).textContent()},${await cells.nth(4).textContent()}`;
}

async function callAsAlice(page: Page, reducer: string, fill: (form: Locator) => Promise<unknown>) {
  const form = reducerForm(page, reducer);
  await fill(form);
  await form.getByLabel('Call as').selectOption('alice');
  await form.getByRole('button', { name: 'Call' }).click();
  await expect(form.getByRole('status', { name: `Outcome of ${reducer}` })).toHaveText(/^Committed in/);
}

async function showTable(page: Page, name: string) {
  await rightTab(page, /Tables/).click();
  await page.getByRole('button', { name: new RegExp(`^${name}, `) }).click();
}

test('the Arena sample ticks on its schedule: a player who steers keeps moving with no further call', async ({ page }) => {
  await openPlayground(page);
  await waitForSeed(page);
  await page.getByLabel('Samples').selectOption({ label: 'Arena' });
  await expect(publishStatus(page)).toHaveText(/^Published in \d+ ms$/);
  await expect(page.locator('.code-editor .view-lines')).toContainText('Arena: a tiny multiplayer game');

  // alice joins, and her SDK connection subscribes to the players.
  await rightTab(page, /Reducers/).click();
  await callAsAlice(page, 'join', form => form.getByLabel(/^name/).fill('Alice'));
  await bottomTab(page, /Clients/).click();
  const alice = client(page, 'alice');
  await alice.getByLabel('New subscription for alice').fill('SELECT * FROM player');
  await alice.getByRole('button', { name: 'Add' }).click();
  const cache = alice.getByRole('table', { name: "alice's player" });
  await expect(cache).toContainText('Alice');

  await showTable(page, 'player');
  await expect(playerGrid(page)).toContainText('Alice');
  const start = await position(playerGrid(page));
  const [x, y] = start.split(',').map(Number);

  // Head away from the nearer side wall: at least 8 cells to go, at one
  // cell per tick, so only the schedule can carry the dot to the wall.
  const direction = x! < 8 ? 'Right' : 'Left';
  const wall = direction === 'Right' ? 15 : 0;
  await rightTab(page, /Reducers/).click();
  await callAsAlice(page, 'set_direction', form => form.getByLabel(/^direction/).selectOption(direction));

  await showTable(page, 'player');
  await expect.poll(() => position(playerGrid(page))).toBe(`${wall},${y}`);
  await expect.poll(() => position(cache)).toBe(`${wall},${y}`);
  await shot(page, 'game-player-at-wall');

  // The same ticks scatter food from ctx.random, up to three at a time.
  await showTable(page, 'food');
  await expect(page.getByRole('table', { name: 'food', exact: true }).getByRole('row')).toHaveCount(4);
  await page.getByRole('button', { name: 'tick_timer, 1 rows, private' }).click();
  await expect(page.getByRole('table', { name: 'tick_timer', exact: true })).toContainText('Interval');
  await shot(page, 'game-timer');
});
