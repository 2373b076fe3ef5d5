import { readFileSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { io } from 'socket.io-client';
import { PROTOCOL_VERSION, type ClientToServer, type ServerToClient } from '@plenary/shared';
import type { Socket } from 'socket.io-client';
import {
  checkA11y,
  SCREENSHOT_DIR,
  shot,
  PHONE,
  LAPTOP,
  PROJECTOR,
  pageAt,
  participantPage,
  openOur,
} from './support.js';

const TITLE = 'Who refers to whom';

/**
 * Launches the map exercise from the console's form. Until the form offers the map kind, the
 * same command goes over the facilitator's socket (the server accepts every kind).
 */
async function launchMap(
  groups: Locator,
  baseURL: string,
  workshopId: string,
  facilitatorKey: string,
): Promise<void> {
  const kind = groups.getByLabel('Kind');
  if ((await kind.locator('option[value="map"]').count()) > 0) {
    await groups.getByLabel('Title').fill(TITLE);
    await kind.selectOption('map');
    await groups.getByRole('button', { name: 'Launch in every group' }).click();
    return;
  }
  const socket: Socket<ServerToClient, ClientToServer> = io(baseURL, {
    transports: ['websocket'],
    auth: {
      protocol: PROTOCOL_VERSION,
      workshopId,
      credential: { kind: 'facilitator', key: facilitatorKey },
    },
  });
  try {
    await new Promise<void>((resolve) => socket.once('welcome', () => resolve()));
    const ack = await socket.emitWithAck('exercise.launch', {
      cmdId: `map${Date.now().toString(36)}x`,
      title: TITLE,
      kind: 'map',
      template: null,
      stages: [],
    });
    expect(ack).toMatchObject({ ok: true });
  } finally {
    socket.close();
  }
}

/** Full-page shots from the top, so the sticky header sits where it belongs. */
const top = (p: Page) => p.evaluate(() => window.scrollTo(0, 0));
const gapsOf = (p: Page) => p.getByTestId('map-gaps');
const nodes = (p: Page) => p.locator('.svelte-flow__node');
const edges = (p: Page) => p.locator('.svelte-flow__edge');

async function addActor(p: Page, name: string, sector: string, contact = ''): Promise<void> {
  const form = p.getByRole('form', { name: 'Add an actor' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Sector').selectOption({ label: sector });
  if (contact) await form.getByLabel(/Contact role/).fill(contact);
  await form.getByRole('button', { name: 'Add actor' }).click();
}

test('a group builds a referral map together, sees its gaps and downloads it', async ({
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const created = await (
    await request.post('/api/workshops', { data: { title: 'Referral day', template: 'blank' } })
  ).json();
  const join = async (name: string, country: string) =>
    (
      await request.post('/api/join', { data: { joinCode: created.joinCode, name, country } })
    ).json();
  const ana = await join('Ana Reyes', 'PH');
  const ben = await join('Ben Somchai', 'TH');

  const fac = await pageAt(browser, LAPTOP);
  await fac.goto(`/w/${created.id}/facilitate#key=${created.facilitatorKey}`);
  const groups = fac.getByRole('region', { name: 'Groups' });
  await groups.getByLabel('New group name').fill('Team Mekong');
  await groups.getByRole('button', { name: 'Create group' }).click();
  await expect(groups.getByTestId('group-card')).toHaveCount(1);
  await groups.getByLabel('Group for Ana Reyes').selectOption({ label: 'Team Mekong' });
  await groups.getByLabel('Group for Ben Somchai').selectOption({ label: 'Team Mekong' });
  await expect(groups.getByTestId('group-card').getByTestId('member')).toHaveCount(2);
  await launchMap(groups, baseURL!, created.id, created.facilitatorKey);
  await expect(groups.getByTestId('group-artifact')).toContainText(TITLE);

  const a = await participantPage(browser, PHONE, created.id, ana.token);
  const b = await participantPage(browser, LAPTOP, created.id, ben.token);
  await openOur(a, created.id, TITLE);
  await openOur(b, created.id, TITLE);
  await expect(b.getByTestId('presence')).toContainText('Ana Reyes');
  await expect(a.getByTestId('path-assistance')).toContainText('No referral path');

  // Ana adds the police on her phone; Ben sees it at once, on the map and in the list.
  await addActor(a, 'City police', 'Police', 'Duty officer, anti-trafficking unit');
  await expect(nodes(b)).toHaveCount(1);
  await expect(b.getByTestId('actor-row')).toContainText(['City police']);
  await expect(gapsOf(b)).toContainText('No shelter');

  // Ben adds a shelter: "No shelter" goes away for both of them.
  await addActor(b, 'Safe House Dawn', 'Shelter');
  for (const p of [a, b]) {
    await expect(nodes(p)).toHaveCount(2);
    await expect(gapsOf(p)).not.toContainText('No shelter');
    await expect(gapsOf(p).getByTestId('gaps-isolated')).toContainText('Safe House Dawn');
  }

  // Ben links them with the form; Ana sees the link and the path to assistance.
  const linkForm = b.getByRole('form', { name: 'Add a link' });
  await linkForm.getByLabel('From').selectOption({ label: 'City police' });
  await linkForm.getByLabel('To').selectOption({ label: 'Safe House Dawn' });
  await linkForm.getByLabel('Label').fill('Referral form');
  await linkForm.getByLabel(/informed consent/).check();
  await linkForm.getByRole('button', { name: 'Add link' }).click();
  for (const p of [a, b]) {
    await expect(edges(p)).toHaveCount(1);
    await expect(p.getByTestId('link-row')).toContainText('City police → Safe House Dawn');
    await expect(p.getByTestId('path-assistance')).toContainText('A victim can be referred');
    await expect(gapsOf(p).getByTestId('gaps-isolated')).toHaveCount(0);
  }
  await expect(a.getByTestId('link-row')).toContainText('consent required');
  await expect(b.locator('.svelte-flow__edge-label')).toContainText('consent');

  // Ana edits the shelter from the list: Ben sees the new name.
  await a.getByRole('button', { name: 'Edit Safe House Dawn' }).click();
  await expect(a.getByRole('heading', { name: 'Safe House Dawn' })).toBeFocused();
  const details = a.getByTestId('map-details');
  await details.getByLabel('Name').fill('Safe House Dawn (women)');
  await expect(b.getByTestId('actor-row')).toContainText([
    'City police',
    'Safe House Dawn (women)',
  ]);

  // Keyboard only, on Ben's laptop: add an actor, then a link from it.
  await b.getByLabel('Name').first().focus();
  await expect(b.locator('#new-actor-name')).toBeFocused();
  await b.keyboard.type('Labour inspectorate');
  await b.keyboard.press('Tab');
  await b.keyboard.type('Labour');
  await b.keyboard.press('Tab');
  await b.keyboard.type('Duty inspector');
  await b.keyboard.press('Enter');
  await expect(nodes(a)).toHaveCount(3);
  await expect(b.locator('#new-actor-name')).toBeFocused();
  await expect(b.locator('#new-actor-name')).toHaveValue('');
  for (let i = 0; i < 4; i++) await b.keyboard.press('Tab'); // sector, contact, button, From
  await expect(b.locator('#new-link-from')).toBeFocused();
  await b.keyboard.type('Labour');
  await b.keyboard.press('Tab');
  await b.keyboard.type('Safe');
  await b.keyboard.press('Tab'); // kind
  await b.keyboard.press('Tab'); // for whom
  await b.keyboard.press('Tab'); // label
  await b.keyboard.type('Inspection report');
  await b.keyboard.press('Enter');
  await expect(edges(a)).toHaveCount(2);
  await expect(a.getByTestId('link-row')).toContainText([
    'City police → Safe House Dawn (women)',
    'Labour inspectorate → Safe House Dawn (women)',
  ]); // sorted by name
  // A node on the canvas can be selected by keyboard, and its details open below the map.
  await nodes(b).first().focus();
  await b.keyboard.press('Enter');
  await expect(b.getByTestId('map-details').getByRole('heading')).not.toHaveText('Details');

  // With a mouse: drag the police somewhere else; Ana's map follows once it is dropped.
  const police = (p: Page) => nodes(p).filter({ hasText: 'City police' });
  const placeOf = (p: Page) => police(p).evaluate((el) => (el as HTMLElement).style.transform);
  const before = await placeOf(a);
  const box = (await police(b).boundingBox())!;
  await b.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await b.mouse.down();
  await b.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2 + 90, { steps: 8 });
  await b.mouse.up();
  await expect.poll(() => placeOf(a)).not.toBe(before);

  // Arrow keys move a selected actor too, and the move is shared.
  const dropped = await placeOf(a);
  await police(b).focus();
  await b.keyboard.press('Enter');
  for (let i = 0; i < 4; i++) await b.keyboard.press('ArrowDown');
  await expect.poll(() => placeOf(a)).not.toBe(dropped);

  // Drag from the police's lower dot to the upper dot of the labour inspectorate: a referral.
  const from = (await police(b).locator('.svelte-flow__handle.source').boundingBox())!;
  const labour = nodes(b).filter({ hasText: 'Labour inspectorate' });
  const to = (await labour.locator('.svelte-flow__handle.target').boundingBox())!;
  await b.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await b.mouse.down();
  await b.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 10 });
  await b.mouse.up();
  await expect(edges(a)).toHaveCount(3);
  await expect(b.getByTestId('map-details').getByRole('heading')).toHaveText(
    'City police → Labour inspectorate',
  );
  // Delete, with the keyboard on the map, removes the selected link only.
  await b.locator('.svelte-flow__edge.selected').focus();
  await b.keyboard.press('Delete');
  await expect(edges(a)).toHaveCount(2);
  await expect(nodes(a)).toHaveCount(3);
  // ...and nothing, when the keyboard is elsewhere.
  await b.getByRole('button', { name: 'Edit City police' }).click();
  await b.keyboard.press('Delete');
  await b.keyboard.press('Backspace');
  await expect(b.getByTestId('actor-row')).toHaveCount(3);

  // The console shows the group's progress.
  await expect(fac.getByTestId('group-progress').first()).not.toHaveText('No edits yet', {
    timeout: 10_000,
  });

  // JSON export: the map and its gaps, as valid JSON named after the exercise and group.
  const [download] = await Promise.all([
    b.waitForEvent('download'),
    b.getByRole('button', { name: 'Download JSON data' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('who-refers-to-whom-team-mekong.json');
  const exported = JSON.parse(readFileSync((await download.path())!, 'utf8'));
  expect(exported.map.actors).toHaveLength(3);
  expect(exported.map.links).toHaveLength(2);
  expect(typeof exported.gaps.count).toBe('number');
  const [svg] = await Promise.all([
    b.waitForEvent('download'),
    b.getByRole('button', { name: 'Download SVG picture' }).click(),
  ]);
  expect(readFileSync((await svg.path())!, 'utf8')).toContain('Safe House Dawn (women)');
  const [png] = await Promise.all([
    b.waitForEvent('download'),
    b.getByRole('button', { name: 'Download PNG picture' }).click(),
  ]);
  expect(
    readFileSync((await png.path())!)
      .subarray(1, 4)
      .toString(),
  ).toBe('PNG');
  await png.saveAs(joinPath(SCREENSHOT_DIR, 'map-export.png'));

  // Arrange automatically: everyone's map moves.
  const unarranged = await placeOf(a);
  await b.getByRole('button', { name: 'Arrange automatically' }).click();
  await expect.poll(() => placeOf(a)).not.toBe(unarranged);

  await checkA11y(a, 'map workspace on a phone');
  await checkA11y(b, 'map workspace on a laptop');
  await a.getByRole('button', { name: 'Fit View' }).click();
  for (const [p, name] of [
    [a, 'phone'],
    [b, 'laptop'],
  ] as const) {
    await p.getByTestId('map-canvas').screenshot({
      path: joinPath(SCREENSHOT_DIR, `map-canvas-${name}.png`),
    });
    await top(p);
    await shot(p, `map-${name}`);
  }

  // The projector shows the map read-only, with nothing to drag or edit.
  const screen = await pageAt(browser, PROJECTOR);
  await screen.goto('/');
  await screen.evaluate(
    ([w, k]) => localStorage.setItem(`plenary:screen:${w}`, k!),
    [created.id, created.screenKey],
  );
  const artifactId = (await a.url()).split('/').at(-1)!;
  await screen.goto(`/w/${created.id}/group/${artifactId}?as=screen`);
  await expect(screen.getByTestId('read-only')).toBeVisible();
  await expect(nodes(screen)).toHaveCount(3);
  await expect(screen.getByRole('form', { name: 'Add an actor' })).toHaveCount(0);
  await expect(screen.getByRole('button', { name: 'Arrange automatically' })).toHaveCount(0);
  await checkA11y(screen, 'map on the projector');
  await shot(screen, 'map-projector');
  const card = groups.getByTestId('group-card');
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: joinPath(SCREENSHOT_DIR, 'map-console-group.png') });
});
