import { join as joinPath } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  checkA11y,
  createBlankWorkshop,
  facilitatorSocket,
  joinWorkshop,
  openOur,
  participantPage,
  SCREENSHOT_DIR,
} from './support.js';

/** The phone the co-editing issue was measured on, and a common laptop. */
const PHONE_390 = { width: 390, height: 844 };
const LAPTOP_1366 = { width: 1366, height: 768 };
const MAP = 'Who refers to whom';
const CASE = 'Mira’s case';

/** What the screen shows around `what`: the fields and who is in them. */
async function shotAt(page: Page, what: Locator, name: string) {
  await what.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  await page.screenshot({ path: joinPath(SCREENSHOT_DIR, `${name}.png`) });
}

test('in the referral map and the case vignette, each field shows who else is in it', async ({
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(360_000);
  const created = await createBlankWorkshop(request, 'Map day');
  const ana = await joinWorkshop(request, created.joinCode, 'Ana Reyes', 'PH');
  const ben = await joinWorkshop(request, created.joinCode, 'Ben Somchai', 'TH');
  const f = await facilitatorSocket(baseURL!, created.id, created.facilitatorKey);
  const { groupId } = await f.send('group.create', { name: 'Team Mekong' });
  for (const p of [ana, ben])
    await f.send('group.assign', { participantId: p.participantId, groupId });
  await f.send('exercise.launch', { title: MAP, kind: 'map' });
  await f.send('exercise.launch', {
    title: CASE,
    kind: 'vignette',
    template: 'identification-adult',
    stages: ['Mira, 24, answered an online advert for hotel work abroad.'],
  });

  const a = await participantPage(browser, PHONE_390, created.id, ana.token);
  const b = await participantPage(browser, LAPTOP_1366, created.id, ben.token);

  // The map: both open one actor; each field names who else is in it.
  await openOur(a, created.id, MAP);
  await openOur(b, created.id, MAP);
  // No timer in the header until the facilitator starts one (its code loads then).
  await expect(a.getByTestId('timer')).toHaveCount(0);
  await f.send('timer.start', { durationMs: 600_000 });
  await expect(a.getByTestId('timer')).toHaveAttribute('data-state', 'running');
  await expect(a.getByTestId('timer-clock')).toHaveText(/^(10:00|9:\d\d)$/);
  const form = a.getByRole('form', { name: 'Add an actor' });
  await form.getByLabel('Name').fill('Safe House Dawn');
  await form.getByRole('button', { name: 'Add actor' }).click();
  const details = (p: Page) => p.getByTestId('map-details');
  for (const p of [a, b]) {
    await p.getByRole('button', { name: 'Edit Safe House Dawn' }).click();
    await expect(details(p).getByLabel('Name')).toHaveValue('Safe House Dawn');
  }
  const field = (p: Page, label: RegExp) =>
    details(p)
      .locator('.field')
      .filter({ has: p.getByLabel(label) });
  await details(a).getByLabel('Name').click();
  await details(a).getByLabel('Name').press('End');
  await details(b)
    .getByLabel(/Contact role/)
    .click();
  await expect(field(b, /^Name/).getByTestId('field-presence')).toContainText('Ana Reyes');
  await expect(field(a, /Contact role/).getByTestId('field-presence')).toContainText('Ben Somchai');
  // Nobody else in the sector: nothing shown there.
  await expect(field(b, /^Sector/).getByTestId('field-presence')).toHaveCount(0);
  // Both type in the name at once: both words stay.
  await details(b).getByLabel('Name').click();
  await details(b).getByLabel('Name').press('Home');
  await Promise.all([
    details(a).getByLabel('Name').pressSequentially(' (women)', { delay: 15 }),
    details(b).getByLabel('Name').pressSequentially('New ', { delay: 15 }),
  ]);
  for (const p of [a, b])
    await expect(details(p).getByLabel('Name')).toHaveValue('New Safe House Dawn (women)');
  await expect(field(a, /^Name/).getByTestId('field-presence')).toContainText('Ben Somchai');
  await shotAt(a, details(a), 'presence-map-phone-390');
  await shotAt(b, details(b), 'presence-map-laptop-1366');
  await checkA11y(a, 'map details with presence on a phone');

  // The vignette: the referral is a multi-line field, with the other's caret in it.
  await openOur(a, created.id, CASE);
  await openOur(b, created.id, CASE);
  const referral = (p: Page) => p.getByLabel('Whom would you refer to, and why?');
  await referral(a).click();
  await referral(a).pressSequentially('The hotline: her passport was taken.', { delay: 10 });
  await referral(b).click();
  const stage = (p: Page) => p.getByTestId('vignette-stage').first();
  await expect(stage(b).getByTestId('field-presence')).toContainText('Ana Reyes');
  await expect(stage(b).getByTestId('other-caret')).toContainText('Ana Reyes');
  await expect(stage(a).getByTestId('other-caret')).toContainText('Ben Somchai');
  // Ben's caret is at the end of a line as wide as the phone: his name stays on the screen.
  await referral(b).press('End');
  const tag = (await stage(a).getByTestId('other-caret').locator('.tag').boundingBox())!;
  expect(tag.x).toBeGreaterThanOrEqual(0);
  expect(tag.x + tag.width).toBeLessThanOrEqual(PHONE_390.width);
  await shotAt(a, stage(a).locator('.referral'), 'presence-vignette-phone-390');
  await shotAt(b, stage(b).locator('.referral'), 'presence-vignette-laptop-1366');
  await checkA11y(a, 'vignette with presence on a phone');
  f.socket.close();
});
