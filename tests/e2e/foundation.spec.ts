import { expect, test, type Page } from '@playwright/test';
import {
  SCREENSHOT_DIR,
  checkA11y,
  shot,
  PHONE,
  LAPTOP,
  PROJECTOR,
  pageAt,
  participantPage,
  facilitatorKeyOf,
} from './support.js';

async function joinAs(
  page: Page,
  joinUrl: string,
  who: { name: string; country: string; city: string; organisation: string; role: string },
) {
  await page.goto(joinUrl);
  await expect(page.getByTestId('workshop-title')).toContainText('Victim-centred training, Jeju');
  await page.getByLabel('Your name').fill(who.name);
  await page.getByLabel('Country').fill(who.country);
  await page.getByLabel('City').fill(who.city);
  await page.getByLabel('Organisation').fill(who.organisation);
  await page.getByLabel('Role').fill(who.role);
  await page.getByRole('button', { name: 'Join workshop' }).click();
  await expect(page).toHaveURL(/\/w\/[a-z0-9]+$/);
  await expect(page.getByTestId('connection-status')).toContainText('Connected');
}

test('a facilitator runs the agenda and timer for two participants and the projector', async ({
  browser,
}) => {
  // Four browser contexts, a dozen steps and four axe runs: on a loaded 2-core machine an axe run
  // alone has taken 17 s, so 90 s was not enough.
  test.setTimeout(360_000);
  // The facilitator creates a workshop from the home page.
  const facilitator = await pageAt(browser, LAPTOP);
  await facilitator.goto('/');
  await checkA11y(facilitator, 'home');
  await facilitator.getByLabel('Workshop title').fill('Victim-centred training, Jeju');
  await facilitator.getByLabel('Venue').fill('Jeju International Training Center');
  await facilitator
    .getByLabel('Victim-centred approach to trafficking in persons (5 days, 9 modules)')
    .check();
  await facilitator.getByRole('button', { name: 'Create workshop' }).click();
  await expect(facilitator).toHaveURL(/\/w\/[a-z0-9]+\/facilitate#key=/);
  await expect(facilitator.getByTestId('agenda-module')).toHaveCount(9);
  const joinCode = (await facilitator.getByTestId('header-join-code').innerText()).replace(
    /\W/g,
    '',
  );
  expect(joinCode).toMatch(/^[A-Z2-9]{6}$/);

  // Two participants join with the code, one on a phone.
  const ana = await pageAt(browser, PHONE);
  const ben = await pageAt(browser, LAPTOP);
  await ana.goto('/');
  await ana.getByLabel('Join code').fill(joinCode.toLowerCase());
  await ana.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(ana).toHaveURL(new RegExp(`/join/${joinCode}`));
  await checkA11y(ana, 'join');
  await joinAs(ana, `/join/${joinCode}`, {
    name: 'Ana Reyes',
    country: 'Philippines',
    city: 'Cebu',
    organisation: 'Invented Shelter Network',
    role: 'Social worker',
  });
  await joinAs(ben, `/join/${joinCode}`, {
    name: 'Bopha Chan',
    country: 'Cambodia',
    city: 'Phnom Penh',
    organisation: 'City police (invented)',
    role: 'Investigator',
  });
  await expect(facilitator.getByTestId('roster-count')).toHaveText('2 joined · 2 online');
  await expect(
    facilitator.getByTestId('roster-entry').filter({ hasText: 'Ana Reyes' }),
  ).toContainText('Philippines');

  // The projector, opened from the console's link.
  // Its own key, which the creation form hands the console along with the facilitator's.
  const href = await facilitator
    .getByRole('link', { name: /Open projector screen/ })
    .getAttribute('href');
  const screen = await pageAt(browser, PROJECTOR);
  await screen.goto(href!);
  await expect(screen.getByTestId('join-code')).toContainText(joinCode.slice(0, 3));
  await expect(screen.getByTestId('qr-code')).toBeVisible();

  // The facilitator makes an activity current: every screen follows.
  const activity = 'Trafficking, smuggling and forced labour: the differences';
  await facilitator.getByRole('button', { name: `Make current ${activity}` }).click();
  for (const page of [ana, ben])
    await expect(page.getByTestId('current-activity')).toContainText(activity);
  await expect(screen.getByTestId('screen-activity-title')).toHaveText(activity);

  // Start the timer: all screens count down from the same end.
  await facilitator.getByRole('button', { name: 'Start timer' }).click();
  for (const page of [facilitator, ana, ben, screen])
    await expect(page.getByTestId('timer')).toHaveAttribute('data-state', 'running');
  const times = await Promise.all(
    [facilitator, ana, ben, screen].map((p) =>
      p.getByRole('timer', { name: 'Time left' }).innerText(),
    ),
  );
  const seconds = times.map((t) => t.split(':').reduce((acc, part) => acc * 60 + Number(part), 0));
  expect(Math.max(...seconds) - Math.min(...seconds)).toBeLessThanOrEqual(1);
  expect(Math.max(...seconds)).toBeLessThanOrEqual(60 * 60);
  await shot(facilitator, 'facilitator-console');
  await facilitator.screenshot({ path: `${SCREENSHOT_DIR}/facilitator-viewport.png` });
  await shot(ana, 'participant-phone');
  await shot(screen, 'projector');
  await checkA11y(facilitator, 'facilitator console');
  await checkA11y(ana, 'participant view');
  await checkA11y(screen, 'projector');

  // Keyboard: Space pauses, N moves to the next activity.
  await facilitator.locator('body').click({ position: { x: 5, y: 5 } });
  await facilitator.keyboard.press('Space');
  await expect(ana.getByTestId('timer')).toHaveAttribute('data-state', 'paused');
  await facilitator.keyboard.press('n');
  await expect(ana.getByTestId('current-activity')).toContainText(
    'Trends in the Asia-Pacific region',
  );
  await expect(ana.getByTestId('timer')).toHaveAttribute('data-state', 'idle');

  // A refresh comes back as the same person, on the same activity.
  await ana.reload();
  await expect(ana.getByTestId('current-activity')).toContainText(
    'Trends in the Asia-Pacific region',
  );
  await expect(facilitator.getByTestId('roster-count')).toHaveText('2 joined · 2 online');

  // Removing a participant ends their session at once.
  await facilitator.getByRole('button', { name: 'Remove Bopha Chan' }).click();
  await facilitator
    .getByRole('dialog')
    .getByRole('button', { name: /Remove/ })
    .click();
  await expect(ben.getByTestId('ended')).toContainText('You were removed from this workshop');
  await expect(facilitator.getByTestId('roster-count')).toHaveText('1 joined · 1 online');
  await ben.reload();
  await expect(ben).toHaveURL(/\/join/);

  // A retention period is set in the settings.
  await facilitator.getByText('Workshop settings').click();
  await facilitator.getByLabel('Delete everything this many days after the last day').fill('90');
  await facilitator.getByRole('button', { name: 'Save settings' }).click();
  await expect(facilitator.getByText('Saved', { exact: true })).toBeVisible();
  const id = new URL(facilitator.url()).pathname.split('/')[2];
  const key = facilitatorKeyOf(facilitator.url());
  const stored = await (
    await facilitator.request.get(`/api/workshops/${id}`, {
      headers: { authorization: `Bearer ${key}` },
    })
  ).json();
  expect(stored.retentionDays).toBe(90);

  // Deleting the workshop needs its title typed, and ends it everywhere.
  await facilitator.getByRole('button', { name: 'Delete workshop' }).click();
  const dialog = facilitator.getByRole('dialog');
  await dialog
    .getByLabel('Type the workshop title to confirm')
    .fill('Victim-centred training, Jeju');
  await dialog.getByRole('button', { name: 'Delete workshop for everyone' }).click();
  await expect(screen.getByTestId('ended')).toContainText('This workshop was deleted');
  await expect(ana.getByTestId('ended')).toContainText('This workshop was deleted');
});

test('the timer reaches zero on every screen with a clear cue', async ({ browser, request }) => {
  const created = await (
    await request.post('/api/workshops', { data: { title: 'Short timer', template: 'blank' } })
  ).json();
  const joined = await (
    await request.post('/api/join', {
      data: { joinCode: created.joinCode, name: 'Dewi', country: 'ID' },
    })
  ).json();
  const facilitator = await pageAt(browser, LAPTOP);
  await facilitator.goto(`/w/${created.id}/facilitate#key=${created.facilitatorKey}`);
  const participant = await participantPage(browser, PHONE, created.id, joined.token);
  const screen = await pageAt(browser, PROJECTOR);
  await screen.goto(`/w/${created.id}/screen#key=${created.screenKey}`);
  await expect(participant.getByTestId('connection-status')).toContainText('Connected');
  // 5 minutes by default: start, then take the time off a minute at a time until it runs out.
  await facilitator.getByRole('button', { name: 'Start timer' }).click();
  await expect(facilitator.getByTestId('timer')).toHaveAttribute('data-state', 'running');
  for (let i = 0; i < 4; i++) await facilitator.getByRole('button', { name: '-1 min' }).click();
  await expect(participant.getByRole('timer', { name: 'Time left' })).toHaveText(/^0:[0-5]\d$/);
  await expect(participant.getByTestId('timer')).toHaveAttribute('data-state', 'running');
  await facilitator.getByRole('button', { name: '-1 min' }).click();
  for (const page of [facilitator, participant, screen]) {
    await expect(page.getByTestId('timer'), page.url()).toHaveAttribute('data-state', 'expired');
    await expect(page.getByTestId('timer-state')).toHaveText('Time is up');
  }
  await shot(screen, 'projector-time-up');
  await checkA11y(screen, 'projector at zero');
});
