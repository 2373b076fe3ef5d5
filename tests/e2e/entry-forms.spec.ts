import { expect, test, type Page, type Route } from '@playwright/test';
import type { CreatedWorkshop, ParticipantView } from '@plenary/shared';
import { checkA11y, LAPTOP, PHONE, PROJECTOR, shot } from './support.js';

/**
 * Issue 22, item 3: creating and joining are plain form posts that scripts enhance, so a click
 * before the page's scripts have loaded, or with scripts blocked, still creates or joins; errors
 * come back beside the fields with what was typed. Item 4: "Viet Nam" as the UN writes it.
 */

/** Holds every script of the app until `release()`: the page is server-rendered HTML only. */
async function holdScripts(page: Page) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const held: string[] = [];
  await page.route('**/_app/immutable/**/*.js', async (route: Route) => {
    held.push(route.request().url());
    await released;
    await route.continue();
  });
  return { release, held };
}

async function roster(
  request: import('@playwright/test').APIRequestContext,
  id: string,
  key: string,
): Promise<ParticipantView[]> {
  const res = await request.get(`/api/workshops/${id}`, {
    headers: { authorization: `Bearer ${key}` },
  });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { participants: ParticipantView[] }).participants;
}

const keyIn = (url: string) => new URLSearchParams(new URL(url).hash.slice(1)).get('key');

test('without scripts: create a workshop, join it as "Viet Nam", errors keep what was typed', async ({
  browser,
  request,
}) => {
  test.setTimeout(180_000);
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: LAPTOP });
  const page = await context.newPage();
  await page.goto('/');

  // A missing title comes back beside the field, with the venue still typed.
  await page.getByLabel('Venue').fill('Invented Training Centre, Jeju');
  await page.getByRole('button', { name: 'Create workshop' }).click();
  await expect(page.locator('#create-title-error')).toContainText(/title/i);
  await expect(page.getByLabel('Venue')).toHaveValue('Invented Training Centre, Jeju');
  await expect(page.getByLabel('Workshop title')).toHaveAttribute('aria-invalid', 'true');
  await shot(page, 'create-error-no-scripts');

  await page.getByLabel('Workshop title').fill('No-script training');
  await page.getByRole('button', { name: 'Create workshop' }).click();
  // The 303's fragment survives: the console's address holds the key.
  await expect(page).toHaveURL(/\/w\/[a-z0-9_-]+\/facilitate#key=/);
  const id = new URL(page.url()).pathname.split('/')[2]!;
  const key = keyIn(page.url())!;
  const workshop = await request.get(`/api/workshops/${id}`, {
    headers: { authorization: `Bearer ${key}` },
  });
  expect(workshop.status()).toBe(200);
  const { joinCode, title, venue } = (await workshop.json()) as {
    joinCode: string;
    title: string;
    venue: string;
  };
  expect([title, venue]).toEqual(['No-script training', 'Invented Training Centre, Jeju']);

  // The home page's code form is a GET to /join?code=…, which shows the workshop.
  const phone = await (
    await browser.newContext({ javaScriptEnabled: false, viewport: PHONE })
  ).newPage();
  await phone.goto('/');
  await phone.getByLabel('Join code').fill(joinCode.toLowerCase());
  await phone.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(phone.getByTestId('workshop-title')).toContainText('No-script training');
  // What others see, said as it is (it said they saw all of it): name and country only.
  await expect(phone.getByText(/Others in this workshop see your name and country;/)).toBeVisible();

  // A country nobody knows comes back with the other fields kept.
  await phone.getByLabel('Your name').fill('Invented Mai');
  await phone.getByLabel('Country').fill('Atlantis');
  await phone.getByLabel('City').fill('Da Nang');
  await phone.getByRole('button', { name: 'Join workshop' }).click();
  await expect(phone.locator('#join-country-error')).toHaveText('Choose a country from the list');
  await expect(phone.getByLabel('Your name')).toHaveValue('Invented Mai');
  await expect(phone.getByLabel('City')).toHaveValue('Da Nang');
  await shot(phone, 'join-error-no-scripts');

  // The UN's spelling is a country; the participant lands with the token in the fragment.
  await phone.getByLabel('Country').fill('Viet Nam');
  await phone.getByRole('button', { name: 'Join workshop' }).click();
  await expect(phone).toHaveURL(new RegExp(`/w/${id}#token=`));
  const people = await roster(request, id, key);
  expect(people.map((p) => [p.name, p.country, p.city])).toEqual([
    ['Invented Mai', 'VN', 'Da Nang'],
  ]);
});

test('a click before the scripts have loaded still creates, and still joins', async ({
  browser,
  request,
}) => {
  test.setTimeout(180_000);
  const facilitator = await (await browser.newContext({ viewport: LAPTOP })).newPage();
  const scripts = await holdScripts(facilitator);
  await facilitator.goto('/', { waitUntil: 'domcontentloaded' });
  await expect.poll(() => scripts.held.length).toBeGreaterThan(0);
  // An error before the scripts: said beside the field, the page as good as with them (axe).
  await facilitator.getByRole('button', { name: 'Create workshop' }).click();
  await expect(facilitator.locator('#create-title-error')).toContainText(/title/i);
  await checkA11y(facilitator, 'home, create error before scripts');
  await facilitator.getByLabel('Workshop title').fill('Clicked early');
  await facilitator.getByRole('button', { name: 'Create workshop' }).click();
  await expect(facilitator).toHaveURL(/\/w\/[a-z0-9_-]+\/facilitate#key=/);
  scripts.release();
  // Once the scripts arrive, the console opens with the key from the address.
  await expect(facilitator.getByTestId('agenda-module')).toHaveCount(9);
  const id = new URL(facilitator.url()).pathname.split('/')[2]!;
  const key = keyIn(facilitator.url())!;
  // It knows the projector's own key from the start (the address brought it), as from the API.
  const screen = new URLSearchParams(new URL(facilitator.url()).hash.slice(1)).get('screen');
  expect(screen).toBeTruthy();
  expect(screen).not.toBe(key);
  const projector = facilitator.getByRole('link', { name: /Open projector screen/ });
  await expect(projector).toHaveAttribute(
    'href',
    `/w/${id}/screen#key=${encodeURIComponent(screen!)}`,
  );
  await expect(facilitator.getByRole('button', { name: 'Make the projector link' })).toHaveCount(0);
  const screenPage = await (await browser.newContext({ viewport: PROJECTOR })).newPage();
  await screenPage.goto((await projector.getAttribute('href'))!);
  await expect(screenPage.getByTestId('workshop-title')).toHaveText('Clicked early');
  await screenPage.context().close();
  const created = (await (
    await request.get(`/api/workshops/${id}`, { headers: { authorization: `Bearer ${key}` } })
  ).json()) as Pick<CreatedWorkshop, 'joinCode'>;

  const phone = await (await browser.newContext({ viewport: PHONE })).newPage();
  const phoneScripts = await holdScripts(phone);
  await phone.goto(`/join/${created.joinCode}`, { waitUntil: 'domcontentloaded' });
  await expect(phone.getByTestId('workshop-title')).toContainText('Clicked early');
  await phone.getByLabel('Country').fill('Atlantis');
  await phone.getByRole('button', { name: 'Join workshop' }).click();
  await expect(phone.locator('#join-country-error')).toHaveText('Choose a country from the list');
  await checkA11y(phone, 'join error before scripts');
  await phone.getByLabel('Your name').fill('Invented Early Bird');
  await phone.getByLabel('Country').fill('lao peoples democratic republic');
  await phone.getByRole('button', { name: 'Join workshop' }).click();
  await expect(phone).toHaveURL(new RegExp(`/w/${id}#token=`));
  phoneScripts.release();
  // The page keeps the token on this device and takes it out of the address.
  await expect(phone.getByTestId('connection-status')).toContainText('Connected');
  await expect(phone).toHaveURL(new RegExp(`/w/${id}$`));
  expect(
    await phone.evaluate((w) => localStorage.getItem(`plenary:participant:${w}`), id),
  ).toContain('.');
  await expect(phone.getByTestId('who-list')).toContainText('Lao People’s Democratic Republic');
  await checkA11y(phone, 'participant after an early join');
  // A reload comes back as the same person.
  await phone.reload();
  await expect(phone.getByTestId('connection-status')).toContainText('Connected');
  expect((await roster(request, id, key)).map((p) => [p.name, p.country])).toEqual([
    ['Invented Early Bird', 'LA'],
  ]);
});

test('with scripts: the country list follows the workshop setting; either spelling joins', async ({
  browser,
  request,
}) => {
  test.setTimeout(300_000);
  const facilitator = await (await browser.newContext({ viewport: LAPTOP })).newPage();
  await facilitator.goto('/');
  await facilitator.getByLabel('Workshop title').fill('Names as people write them');
  await facilitator.getByLabel('Blank agenda').check();
  await facilitator.getByRole('button', { name: 'Create workshop' }).click();
  await expect(facilitator).toHaveURL(/\/facilitate#key=/);
  const id = new URL(facilitator.url()).pathname.split('/')[2]!;
  const key = keyIn(facilitator.url())!;
  const joinCode = (await facilitator.getByTestId('header-join-code').innerText()).replace(
    /\W/g,
    '',
  );

  // UN names by default: the list offers "Viet Nam"; "Vietnam" typed is accepted too.
  const phone = await (await browser.newContext({ viewport: PHONE })).newPage();
  await phone.goto(`/join/${joinCode}`);
  await expect(phone.locator('#join-country-list option[value="Viet Nam"]')).toHaveCount(1);
  await expect(phone.locator('#join-country-list option[value="Vietnam"]')).toHaveCount(0);
  await expect(phone.getByText('Others in this workshop see your name and country')).toBeVisible();
  await phone.getByLabel('Your name').fill('Invented Linh');
  await phone.getByLabel('Country').fill('Vietnam');
  await phone.getByRole('button', { name: 'Join workshop' }).click();
  await expect(phone.getByTestId('connection-status')).toContainText('Connected');
  await expect(phone.getByTestId('who-list')).toContainText('Viet Nam');

  // The organiser prefers common names: every screen follows, by keyboard.
  await facilitator.getByText('Workshop settings').click();
  await facilitator.getByLabel('Country names').focus();
  await facilitator.getByLabel('Country names').selectOption('common');
  await facilitator.getByRole('button', { name: 'Save settings' }).press('Enter');
  await expect(facilitator.getByText('Saved', { exact: true })).toBeVisible();
  await expect(phone.getByTestId('who-list')).toContainText('Vietnam');
  await checkA11y(facilitator, 'settings with country names');
  expect((await roster(request, id, key))[0]?.country).toBe('VN');

  const other = await (await browser.newContext({ viewport: PHONE })).newPage();
  await other.goto(`/join/${joinCode}`);
  await expect(other.getByTestId('workshop-title')).toBeVisible();
  await expect(other.locator('#join-country-list option[value="Vietnam"]')).toHaveCount(1);
  await expect(other.locator('#join-country-list option[value="Türkiye"]')).toHaveCount(0);
  await expect(other.locator('#join-country-list option[value="Turkey"]')).toHaveCount(1);
  await checkA11y(other, 'join with common names');
});

test('without scripts or before them: restore a backup file; a file that is not a backup comes back beside the field', async ({
  browser,
  request,
}) => {
  test.setTimeout(180_000);
  // A backup made by the API, of a workshop one person joined.
  const made = (await (
    await request.post('/api/workshops', { data: { title: 'Restored without scripts' } })
  ).json()) as CreatedWorkshop;
  const joined = await request.post('/api/join', {
    data: { joinCode: made.joinCode, name: 'Invented Arnel', country: 'PH', city: 'Cebu' },
  });
  expect(joined.status()).toBe(201);
  const exported = await request.get(`/api/workshops/${made.id}/export.json`, {
    headers: { authorization: `Bearer ${made.facilitatorKey}` },
  });
  expect(exported.status()).toBe(200);
  const backup = await exported.body();

  const page = await (
    await browser.newContext({ javaScriptEnabled: false, viewport: LAPTOP })
  ).newPage();
  await page.goto('/');
  await page.getByRole('link', { name: 'Restore a workshop from a backup file' }).click();
  const file = page.getByLabel('Backup file');
  const restoreButton = page.getByRole('button', { name: 'Restore as a new workshop' });

  // Not a backup: said beside the field, nothing restored.
  await file.setInputFiles({
    name: 'shopping.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format": "a shopping list"}'),
  });
  await restoreButton.click();
  await expect(page.locator('#restore-error')).toContainText(/backup/i);
  await expect(file).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('restored')).toHaveCount(0);
  await shot(page, 'restore-error-no-scripts');

  // The same backup padded past 10 MB with whitespace (still valid JSON): just over the server's
  // cap, and far over the form body's cap (cut off before the action reads it). Each comes back
  // as the restore page, with the scripted check's words beside the field, and nothing restored.
  for (const size of [10 * 1024 * 1024 + 1024, 12 * 1024 * 1024]) {
    await file.setInputFiles({
      name: 'padded.json',
      mimeType: 'application/json',
      buffer: Buffer.concat([backup, Buffer.alloc(size - backup.length, ' ')]),
    });
    const answered = page.waitForResponse((r) => r.request().method() === 'POST');
    await restoreButton.click();
    expect((await answered).status()).toBe(413);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Restore a workshop from a backup',
    );
    await expect(page.locator('#restore-error')).toHaveText(
      'This file is larger than 10 MB: it is not a Plenary backup.',
    );
    await expect(file).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('restored')).toHaveCount(0);
  }
  await shot(page, 'restore-too-large-no-scripts');

  await file.setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: backup });
  await restoreButton.click();
  await expect(page.getByTestId('restored')).toBeVisible();
  const consoleLink = page.getByRole('link', { name: 'Open the facilitator console' });
  const href = (await consoleLink.getAttribute('href'))!;
  const id = href.split('/')[2]!;
  expect(id).not.toBe(made.id);
  const personal = await page.getByLabel('Invented Arnel').inputValue();
  expect(personal).toMatch(new RegExp(`/w/${id}/followup#token=`));
  await shot(page, 'restored-no-scripts');
  await page.setViewportSize(PHONE);
  await shot(page, 'restored-no-scripts-phone');

  // The new workshop opens with the key in the console link, with its participant.
  const restoredKey = new URLSearchParams(href.split('#')[1]).get('key')!;
  expect((await roster(request, id, restoredKey)).map((p) => p.name)).toEqual(['Invented Arnel']);

  // Clicked before the page's scripts have loaded: the same pages, checked with axe (which
  // needs scripts of its own).
  const early = await (await browser.newContext({ viewport: PHONE })).newPage();
  await holdScripts(early);
  await early.goto('/restore', { waitUntil: 'domcontentloaded' });
  await early.getByRole('button', { name: 'Restore as a new workshop' }).click();
  await expect(early.locator('#restore-error')).toContainText('Choose the backup file first.');
  await checkA11y(early, 'restore error before scripts');
  await early.getByLabel('Backup file').setInputFiles({
    name: 'backup.json',
    mimeType: 'application/json',
    buffer: backup,
  });
  await early.getByRole('button', { name: 'Restore as a new workshop' }).click();
  await expect(early.getByTestId('restored')).toBeVisible();
  await checkA11y(early, 'restored before scripts');
});
