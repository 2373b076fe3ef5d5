import { expect, test, type Page } from '@playwright/test';
import { CONSOLE_SECTIONS } from '../../web/src/lib/console-sections.js';
import { measureReach } from './projector-reach.js';
import {
  checkA11y,
  facilitatorSocket,
  joinWorkshop,
  shot,
  PROJECTOR,
  pageAt,
  participantPage,
} from './support.js';

/** The console and the room (issue 22, items 5 and 7). */

const LAPTOP_1366 = { width: 1366, height: 768 };
const PHONE_390 = { width: 390, height: 844 };

test('the console reaches every part from its navigation and keys, with the timer always in view', async ({
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(480_000);
  const created = await (
    await request.post('/api/workshops', {
      data: { title: 'Victim-centred approach, day 1', template: 'victim-centred' },
    })
  ).json();
  const f = await facilitatorSocket(baseURL!, created.id, created.facilitatorKey);
  await f.send('group.create', { name: 'Manila team' });
  f.socket.close();

  const fac = await pageAt(browser, LAPTOP_1366);
  await fac.goto(`/w/${created.id}/facilitate#key=${created.facilitatorKey}`);
  await fac.getByRole('button', { name: 'Next activity →' }).click();
  await fac.getByRole('button', { name: 'Start timer' }).click();
  await expect(fac.getByTestId('timer')).toHaveAttribute('data-state', 'running');
  const nav = fac.getByRole('navigation', { name: 'Console' });
  // Every part, Team included.
  for (const s of CONSOLE_SECTIONS)
    await expect(nav.getByRole('link', { name: new RegExp(`^${s.label}`) })).toBeVisible();

  for (const s of CONSOLE_SECTIONS) {
    // By key: the part comes into view, focus on its heading; the timer stays on screen.
    await fac.locator('body').press(s.key);
    await expect(fac.locator(`#${s.id}`), s.label).toBeInViewport();
    await expect(fac.getByTestId('timer')).toBeInViewport();
    await expect(fac.getByTestId('current-activity-title')).toBeInViewport();
    await expect(nav).toBeInViewport();
  }
  // By click too, and the address keeps its key.
  await nav.getByRole('link', { name: /^Groups/ }).click();
  await expect(fac.locator('#groups')).toBeInViewport();
  expect(fac.url()).toContain('#key=');
  await shot(fac, 'console-laptop-1366');
  await fac.screenshot({ path: 'tests/artifacts/screenshots/console-laptop-1366-view.png' });

  // Typing a digit in a field types it; N and Space there do nothing to the agenda either.
  await fac.keyboard.press('2');
  await expect(fac.locator('#polls')).toBeInViewport();
  const groupName = fac.locator('#groups').getByLabel('New group name');
  await groupName.fill('');
  await groupName.pressSequentially('Team 4 n ');
  await expect(groupName).toHaveValue('Team 4 n ');
  await expect(fac.getByTestId('timer')).toHaveAttribute('data-state', 'running');

  // Destructive actions stand apart and ask first.
  // The group's name is in its rename field and in its buttons' names, not in the card's text.
  const card = fac
    .getByTestId('group-card')
    .filter({ has: fac.getByRole('button', { name: 'Delete group Manila team' }) });
  await card.getByRole('button', { name: /Delete group/ }).click();
  const dialog = fac.getByRole('dialog', { name: /Delete Manila team/ });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(card).toBeVisible();
  const plus5 = await card.getByRole('button', { name: /\+5 min/ }).boundingBox();
  const del = await card.getByRole('button', { name: /Delete group/ }).boundingBox();
  expect(del!.y).toBeGreaterThan(plus5!.y + plus5!.height);
  await fac.getByRole('button', { name: 'Reset timer' }).first().click();
  const reset = fac.getByRole('dialog', { name: 'Reset the timer?' });
  await expect(reset).toBeVisible();
  await reset.getByRole('button', { name: 'Cancel' }).click();
  await expect(fac.getByTestId('timer')).toHaveAttribute('data-state', 'running');
  // So do a module (saying what goes with it, its activities counted in words) and a poll.
  await fac.getByRole('button', { name: /^Delete module Module 1:/ }).click();
  const deleteModule = fac.getByRole('dialog', { name: 'Delete this module?' });
  await expect(deleteModule).toContainText('and its 5 activities will be deleted');
  await deleteModule.getByRole('button', { name: 'Cancel' }).click();
  await expect(deleteModule).toBeHidden();
  const polls = fac.getByTestId('facilitator-poll');
  const pollCount = await polls.count();
  await fac
    .locator('#polls')
    .getByRole('button', { name: /^Delete poll/ })
    .first()
    .click();
  const deletePoll = fac.getByRole('dialog', { name: 'Delete this poll?' });
  await expect(deletePoll).toBeVisible();
  await deletePoll.getByRole('button', { name: 'Cancel' }).click();
  await expect(deletePoll).toBeHidden();
  await expect(polls).toHaveCount(pollCount);
  await checkA11y(fac, 'console at 1366 x 768');

  // The same console on a phone and on a 1080p screen.
  for (const [size, name] of [
    [PHONE_390, 'console-phone-390'],
    [PROJECTOR, 'console-1920'],
  ] as const) {
    await fac.setViewportSize(size);
    await expect(nav).toBeInViewport();
    await fac.locator('body').press('4');
    await expect(fac.locator('#groups')).toBeInViewport();
    await expect(nav).toBeInViewport();
    // What is on screen after the jump is no wider than the screen (outside boxes that scroll
    // sideways: the menu, tables).
    const wide = await fac.evaluate(() => {
      const inScroller = (e: Element) => {
        for (let a = e.parentElement; a; a = a.parentElement)
          if (getComputedStyle(a).overflowX !== 'visible') return true;
        return false;
      };
      return [...document.querySelectorAll('body *')]
        .filter((e) => {
          const r = e.getBoundingClientRect();
          return r.bottom > 0 && r.top < innerHeight && r.right > innerWidth + 1 && !inScroller(e);
        })
        .map((e) => `${e.tagName.toLowerCase()}.${e.className}`)
        .slice(0, 5);
    });
    expect(wide, name).toEqual([]);
    await checkA11y(fac, name);
    await fac.screenshot({ path: `tests/artifacts/screenshots/${name}.png` });
  }
});

test('on a 390 x 844 phone the console never scrolls sideways, every part open', async ({
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const created = await (
    await request.post('/api/workshops', {
      data: {
        title: 'Victim-centred approach to trafficking in persons, Bangkok',
        template: 'victim-centred',
        venue: 'Invented Regional Training Centre, Bangkok',
      },
    })
  ).json();
  const f = await facilitatorSocket(baseURL!, created.id, created.facilitatorKey);
  const group = await f.send('group.create', { name: 'Mekong referral team' });
  for (const [name, country] of [
    ['Invented Maria Santos-Villanueva de la Cruz', 'PH'],
    ['Invented Nguyễn Thị Thanh Hương', 'VN'],
  ] as const) {
    const joined = await joinWorkshop(request, created.joinCode, name, country);
    await f.send('group.assign', { participantId: joined.participantId, groupId: group.groupId });
  }
  f.socket.close();

  const fac = await pageAt(browser, PHONE_390);
  await fac.goto(`/w/${created.id}/facilitate#key=${created.facilitatorKey}`);
  await fac.getByRole('button', { name: 'Next activity →' }).click();
  await fac.getByRole('button', { name: 'Start timer' }).click();
  await expect(fac.getByTestId('timer')).toHaveAttribute('data-state', 'running');
  const sideways = () =>
    fac.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(await sideways()).toBeLessThanOrEqual(0);
  // Every folded part opened (settings, prepared polls, …): still no wider than the phone.
  await fac.getByText('Workshop settings').click();
  await expect(fac.locator('#settings-ends')).toBeVisible();
  await fac.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  await expect.poll(sideways).toBeLessThanOrEqual(0);
  const dates = await fac.locator('#settings-ends').boundingBox();
  expect(dates!.x + dates!.width).toBeLessThanOrEqual(PHONE_390.width);
  await fac.getByText('Workshop settings').scrollIntoViewIfNeeded();
  await fac.screenshot({ path: 'tests/artifacts/screenshots/console-phone-390-settings.png' });
  await checkA11y(fac, 'console at 390 x 844, every part open');

  // A budget's launch fields: each pillar's name whole beside its two bounds (they were cut to
  // "Prevent…" under the inputs when the inputs kept their laptop width).
  const groups = fac.getByRole('region', { name: 'Groups' });
  await groups.getByLabel('Kind').selectOption('budget');
  const pillars = groups.locator('form.launch .pillar');
  await expect(pillars).toHaveCount(5);
  const cut = await pillars.evaluateAll((spans) =>
    spans.filter((s) => s.scrollWidth > s.clientWidth + 1).map((s) => s.textContent),
  );
  expect(cut).toEqual([]);
  expect(await sideways()).toBeLessThanOrEqual(0);
});

test('a poll’s results go to the projector and to phones as separate choices', async ({
  browser,
  request,
}) => {
  test.setTimeout(180_000);
  const created = await (
    await request.post('/api/workshops', { data: { title: 'Results', template: 'blank' } })
  ).json();
  const phones: Page[] = [];
  for (const name of ['Ana', 'Budi']) {
    const joined = await (
      await request.post('/api/join', { data: { joinCode: created.joinCode, name, country: 'ID' } })
    ).json();
    phones.push(await participantPage(browser, PHONE_390, created.id, joined.token));
  }
  const [ana, budi] = phones as [Page, Page];
  const fac = await pageAt(browser, LAPTOP_1366);
  await fac.goto(`/w/${created.id}/facilitate#key=${created.facilitatorKey}`);
  const polls = fac.locator('#polls');
  await polls.getByRole('button', { name: 'New poll' }).click();
  await polls.getByLabel('Kind of poll').selectOption('single');
  await polls.getByLabel('Question', { exact: true }).fill('Who refers most victims?');
  await polls.getByLabel('Option 1', { exact: true }).fill('Police');
  await polls.getByLabel('Option 2', { exact: true }).fill('Health workers');
  await polls.getByRole('button', { name: 'Create poll' }).click();
  const card = polls.getByTestId('facilitator-poll');
  await card.getByRole('button', { name: 'Open', exact: true }).click();
  await card.getByRole('button', { name: 'Show on projector' }).click();

  const screen = await pageAt(browser, PROJECTOR);
  await screen.goto(`/w/${created.id}/screen#key=${created.screenKey}`);
  const projected = screen.getByTestId('projected-poll');
  await expect(projected.getByTestId('projected-voters')).toHaveText('0 votes so far');

  // Ana answers: her phone shows the bars, Budi's does not, the projector counts.
  const anaPoll = ana.getByTestId('participant-poll');
  await anaPoll.getByLabel('Police').check();
  await anaPoll.getByRole('button', { name: 'Send my vote' }).click();
  await expect(anaPoll.getByTestId('poll-results')).toContainText('Police');
  await expect(projected.getByTestId('projected-voters')).toHaveText('1 vote so far');
  await expect(projected.getByTestId('poll-results')).toHaveCount(0);
  await expect(budi.getByTestId('participant-poll')).toContainText('Who refers most victims?');
  await expect(budi.getByTestId('poll-results')).toHaveCount(0);
  await shot(ana, 'results-phone-answered');
  await shot(budi, 'results-phone-not-answered');
  await shot(screen, 'results-projector-count');
  await expect.poll(() => measureReach(screen)).toEqual({ small: [], outside: [] });
  await checkA11y(screen, 'projector with a count');

  // On the projector only: bars there, still none on Budi's phone.
  const onScreen = card.getByRole('button', { name: 'Results on the projector' });
  await onScreen.click();
  await expect(onScreen).toHaveAttribute('aria-pressed', 'true');
  await expect(projected.getByTestId('poll-results')).toContainText('1 · 100%');
  await expect(budi.getByTestId('poll-results')).toHaveCount(0);
  await shot(screen, 'results-projector-bars');
  await expect.poll(() => measureReach(screen)).toEqual({ small: [], outside: [] });

  // On phones too: Budi sees them without answering.
  await card.getByRole('button', { name: 'Results on phones' }).click();
  await expect(budi.getByTestId('poll-results')).toContainText('Police');
  await expect(card).toContainText('Results on the projector and phones');
  await checkA11y(fac, 'console poll with results shown');
  await checkA11y(budi, 'phone with results shown');
});
