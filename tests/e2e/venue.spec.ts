import { readdirSync, readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page, type Request, type WebSocketRoute } from '@playwright/test';
import { lanOrigins } from '../../server/src/http/hosts.js';
import {
  checkA11y,
  facilitatorKeyOf,
  facilitatorSocket,
  joinWorkshop,
  LAPTOP,
  openOur,
  pageAt,
  participantPage,
  PHONE,
  PROJECTOR,
  SCREENSHOT_DIR,
  shot,
} from './support.js';

/** Every request a page makes, to check none leaves the laptop. */
function recordRequests(page: Page): Request[] {
  const seen: Request[] = [];
  page.on('request', (r) => seen.push(r));
  return seen;
}

const foreign = (requests: Request[], origin: string) =>
  requests
    .map((r) => r.url())
    .filter((url) => !url.startsWith(origin) && !/^(data|blob|about):/.test(url));

test('a workshop runs over plain http on the venue network: timer, vote, co-editing, copy', async ({
  browser,
  baseURL,
}) => {
  // Seven browser contexts on a 2-core machine.
  test.setTimeout(360_000);
  const origin = new URL(baseURL!).origin;
  const facilitator = await pageAt(browser, LAPTOP);
  const requests = recordRequests(facilitator);
  await facilitator.goto('/');
  // The premise: like http://192.168.1.20:3000, this page is not a secure context.
  expect(await facilitator.evaluate(() => window.isSecureContext)).toBe(false);
  expect(await facilitator.evaluate(() => typeof crypto.randomUUID)).toBe('undefined');

  await facilitator.getByLabel('Workshop title').fill('Venue day, Bangkok (invented)');
  await facilitator.getByRole('button', { name: 'Create workshop' }).click();
  await expect(facilitator).toHaveURL(/\/w\/[a-z0-9]+\/facilitate#key=/);
  const workshopId = new URL(facilitator.url()).pathname.split('/')[2]!;
  const key = facilitatorKeyOf(facilitator.url());
  const joinCode = (await facilitator.getByTestId('header-join-code').innerText()).replace(
    /\W/g,
    '',
  );

  // Opened through the venue's address, the console hands out that address.
  const joinLink = facilitator.getByLabel('Join link');
  await expect(joinLink).toHaveValue(`${origin}/join/${joinCode}`);
  await facilitator.getByRole('button', { name: 'Copy link' }).click();
  await expect(facilitator.getByText('Link copied')).toBeVisible();
  // What was copied is the link: paste it into a text field of another page.
  const paste = await facilitator.context().newPage();
  await paste.goto('/');
  await paste.getByLabel('Workshop title').focus();
  await paste.keyboard.press('Control+V');
  await expect(paste.getByLabel('Workshop title')).toHaveValue(`${origin}/join/${joinCode}`);
  await paste.close();

  // The projector, from the console's link.
  // Its own key, which the creation form hands the console along with the facilitator's.
  const href = await facilitator
    .getByRole('link', { name: /Open projector screen/ })
    .getAttribute('href');
  const screen = await pageAt(browser, PROJECTOR);
  const screenRequests = recordRequests(screen);
  await screen.goto(href!);
  await expect(screen.getByTestId('screen-join-url')).toContainText(
    `${new URL(origin).host}/join/${joinCode}`,
  );

  // Two participants join from the venue's Wi-Fi: one phone, one laptop.
  const phone = await pageAt(browser, PHONE);
  const phoneRequests = recordRequests(phone);
  await phone.goto(`/join/${joinCode}`);
  await phone.getByLabel('Your name').fill('Invented Malee');
  await phone.getByLabel('Country').fill('Thailand');
  await phone.getByRole('button', { name: 'Join workshop' }).click();
  await expect(phone.getByTestId('connection-status')).toContainText('Connected');
  const laptop = await pageAt(browser, LAPTOP);
  await laptop.goto(`/join/${joinCode}`);
  await laptop.getByLabel('Your name').fill('Invented Somchai');
  await laptop.getByLabel('Country').fill('Thailand');
  await laptop.getByRole('button', { name: 'Join workshop' }).click();
  await expect(laptop.getByTestId('connection-status')).toContainText('Connected');
  await expect(facilitator.getByTestId('roster-count')).toHaveText('2 joined · 2 online');

  // Commands work: the timer starts on every screen.
  await facilitator.getByRole('button', { name: 'Start timer' }).click();
  for (const page of [facilitator, phone, laptop, screen])
    await expect(page.getByTestId('timer')).toHaveAttribute('data-state', 'running');

  // A vote is sent and counted.
  const f = await facilitatorSocket(baseURL!, workshopId, key);
  const { pollId } = await f.send('poll.create', {
    kind: 'single',
    question: 'Which agency do you call first?',
    options: [{ label: 'Police' }, { label: 'Social welfare' }],
  });
  await f.send('poll.setState', { pollId, state: 'open' });
  const poll = phone.getByTestId('participant-poll');
  await poll.getByLabel('Social welfare').check();
  await poll.getByRole('button', { name: 'Send my vote' }).click();
  await expect(poll.getByTestId('vote-received')).toContainText('Vote received');
  await expect(facilitator.getByTestId('facilitator-poll').getByTestId('poll-voted')).toContainText(
    '1 of 2',
  );

  // Co-editing: both participants in one group tick the same checklist.
  const { groupId } = await f.send('group.create', { name: 'Bangkok' });
  const malee = await joinWorkshop(facilitator.request, joinCode, 'Invented Nok', 'TH');
  const somchai = await joinWorkshop(facilitator.request, joinCode, 'Invented Lek', 'TH');
  for (const p of [malee, somchai])
    await f.send('group.assign', { participantId: p.participantId, groupId });
  await f.send('exercise.launch', {
    title: 'Indicators',
    kind: 'checklist',
    template: 'identification-adult',
  });
  const nok = await participantPage(browser, PHONE, workshopId, malee.token);
  const lek = await participantPage(browser, LAPTOP, workshopId, somchai.token);
  await openOur(nok, workshopId, 'Indicators');
  await openOur(lek, workshopId, 'Indicators');
  const item = /Was promised a job/;
  await nok.getByRole('checkbox', { name: item }).first().check();
  await expect(lek.getByRole('checkbox', { name: item }).first()).toBeChecked();

  await shot(facilitator, 'venue-console');
  await shot(screen, 'venue-projector');
  await checkA11y(facilitator, 'console over plain http');

  // Nothing any page loaded came from outside the laptop.
  for (const [name, seen] of [
    ['console', requests],
    ['projector', screenRequests],
    ['phone', phoneRequests],
  ] as const)
    expect(foreign(seen, origin), `${name} loaded from elsewhere`).toEqual([]);
  f.socket.disconnect();
});

test('a console opened as localhost shows the network address for phones', async ({
  browser,
  request,
}) => {
  const created = await (
    await request.post('/api/workshops', { data: { title: 'Loopback console', template: 'blank' } })
  ).json();
  const port = new URL(test.info().project.use.baseURL!).port;
  const console_ = await pageAt(browser, LAPTOP);
  await console_.goto(
    `http://127.0.0.1:${port}/w/${created.id}/facilitate#key=${created.facilitatorKey}`,
  );
  const expected = lanOrigins(networkInterfaces(), Number(port));
  const link = console_.getByLabel('Join link');
  if (expected.length > 0) {
    // The first network address, never 127.0.0.1, which no phone can reach.
    await expect(link).toHaveValue(`${expected[0]!.origin}/join/${created.joinCode}`);
    if (expected.length > 1) {
      const choice = console_.getByLabel('Address phones use');
      await choice.selectOption(expected[1]!.origin);
      await expect(link).toHaveValue(`${expected[1]!.origin}/join/${created.joinCode}`);
    }
  } else {
    await expect(console_.getByRole('alert').filter({ hasText: 'on no network' })).toBeVisible();
  }
  await expect(link).not.toHaveValue(/127\.0\.0\.1/);
  await console_.getByRole('heading', { name: 'Participants join with' }).scrollIntoViewIfNeeded();
  await console_.screenshot({ path: `${SCREENSHOT_DIR}/venue-console-join.png` });
  await checkA11y(console_, 'console on loopback');
});

test('a command sent while offline says it will be sent, and is', async ({
  browser,
  request,
  baseURL,
}) => {
  const created = await (
    await request.post('/api/workshops', { data: { title: 'Offline vote', template: 'blank' } })
  ).json();
  const me = await joinWorkshop(request, created.joinCode, 'Invented Dara', 'KH');
  const f = await facilitatorSocket(baseURL!, created.id, created.facilitatorKey);
  const { pollId } = await f.send('poll.create', {
    kind: 'single',
    question: 'Ready?',
    options: [{ label: 'Yes' }, { label: 'Not yet' }],
  });
  await f.send('poll.setState', { pollId, state: 'open' });

  const context = await browser.newContext({ viewport: PHONE });
  // socket.io's WebSocket goes through a pass-through the test can cut, like a Wi-Fi drop
  // (Chromium's offline mode stops new connections but leaves open WebSockets alone).
  const open = new Set<WebSocketRoute>();
  await context.routeWebSocket(/\/socket\.io\//, (ws) => {
    ws.connectToServer();
    open.add(ws);
  });
  const setOffline = async (value: boolean) => {
    await context.setOffline(value);
    if (value) for (const ws of open) await ws.close({ code: 1006 });
    open.clear();
  };
  const page = await context.newPage();
  await page.goto('/');
  await page.evaluate(
    ([w, t]) => localStorage.setItem(`plenary:participant:${w}`, t!),
    [created.id, me.token],
  );
  await page.goto(`/w/${created.id}`);
  const poll = page.getByTestId('participant-poll');
  await poll.getByLabel('Yes').check();
  await setOffline(true);
  await expect(page.getByTestId('connection-status')).toContainText('Reconnecting');
  await poll.getByRole('button', { name: 'Send my vote' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'You are offline' })).toBeVisible();
  await setOffline(false);
  await expect(poll.getByTestId('vote-received')).toContainText('Vote received', {
    timeout: 15_000,
  });
  await context.close();
  f.socket.disconnect();
});

test('an error no code handled is shown on the page', async ({ browser }) => {
  const page = await pageAt(browser, LAPTOP);
  await page.goto('/');
  const alert = page.getByRole('alert').filter({ hasText: 'invented failure' });
  // The page reports errors once its scripts have started: throw until it has.
  await expect(async () => {
    await page.evaluate(() => {
      setTimeout(() => {
        throw new Error('invented failure');
      });
    });
    await expect(alert).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
});

test('the built app loads nothing from the internet', () => {
  const root = join(
    dirname(fileURLToPath(import.meta.url)),
    '../../web',
    process.env.E2E_BUILD ? `.snap-${process.env.E2E_BUILD}` : 'build',
  );
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(html|css|js)$/.test(entry.name)) files.push(path);
    }
  };
  walk(root);
  expect(files.length).toBeGreaterThan(10);
  // What a browser would fetch by itself: stylesheets, fonts and images named in CSS; scripts,
  // styles, images and frames in HTML (the page template is rendered by the server's code);
  // module imports in scripts.
  const inCss = /url\(\s*['"]?(?:https?:)?\/\/|@import\s+(?:url\(\s*)?['"]?(?:https?:)?\/\//i;
  const inMarkupOrCode =
    /<(?:script|link|img|iframe)\b[^>]+(?:src|href)=["'](?:https?:)?\/\/|\bimport\s*\(\s*['"]https?:|\bfrom\s*['"]https?:/i;
  const offenders = files.filter((file) =>
    (file.endsWith('.css') ? inCss : inMarkupOrCode).test(readFileSync(file, 'utf8')),
  );
  expect(offenders).toEqual([]);
});
