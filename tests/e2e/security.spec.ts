import { expect, test, type Browser, type Page } from '@playwright/test';
import { analyseGaps, mapSvg } from '@plenary/shared';
import { addActor, addLink, linesOf, newLine } from '@plenary/shared/docs';
import { PHONE, LAPTOP, PROJECTOR, edit, facilitatorSocket, pageAt, openOur } from './support.js';

// Classic payloads: each would set window.__xss if the app ever rendered user text as HTML or
// put it into a URL. A suffix makes every field's text unique so it can be found on the page.
const SCRIPT = '<script>window.__xss=1</script>';
const IMG = '<img src=x onerror="window.__xss=1">';
const SVG = '"><svg onload=window.__xss=1>';
const JS = 'javascript:window.__xss=1';

const seeded = {
  title: `${SCRIPT} Workshop`,
  venue: `${IMG} Venue`,
  name: `${SVG} Ana`,
  city: `${JS} City`,
  organisation: `${IMG} Org`,
  role: `${SCRIPT} Role`,
  module: `${IMG} Module`,
  activity: `${SVG} Activity`,
  pollQuestion: `${SCRIPT} Poll?`,
  optionA: `${IMG} A`,
  optionB: `${JS}`,
  optionC: `${SVG} C`,
  openQuestion: `${SVG} Open?`,
  openAnswer: `${IMG} answer`,
  floorQuestion: `${SCRIPT} floor`,
  group: `${SVG} Group`,
  exercise: `${JS} checklist`,
  item: `${IMG} item`,
};

/** What one page saw: dialogs, CSP reports in the console, and its WebSockets. */
interface Watch {
  dialogs: string[];
  csp: string[];
  sockets: { url: string; frames: number }[];
}

function watch(page: Page): Watch {
  const seen: Watch = { dialogs: [], csp: [], sockets: [] };
  page.on('dialog', (dialog) => {
    seen.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => {});
  });
  page.on('console', (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to (execute|load|connect|apply)/i.test(text)) {
      seen.csp.push(text);
    }
  });
  page.on('websocket', (ws) => {
    const entry = { url: ws.url(), frames: 0 };
    seen.sockets.push(entry);
    ws.on('framereceived', () => entry.frames++);
  });
  return seen;
}

/** Text a person can see on the page, including what sits in form fields. */
async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const fields = [...document.querySelectorAll('input, textarea, select')].map((el) =>
      el instanceof HTMLSelectElement
        ? [...el.options].map((o) => o.text).join('\n')
        : (el as HTMLInputElement | HTMLTextAreaElement).value,
    );
    return [document.body.innerText, ...fields].join('\n');
  });
}

/** No payload ran, no dialog opened, no injected element or javascript: link is in the DOM. */
async function expectClean(page: Page, seen: Watch, view: string): Promise<string> {
  expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss), view).toBeUndefined();
  expect(seen.dialogs, view).toEqual([]);
  expect(seen.csp, view).toEqual([]);
  const injected = await page.evaluate(
    () =>
      document.querySelectorAll(
        '[onerror], [onload], img[src="x"], svg[onload], a[href^="javascript:" i], iframe',
      ).length,
  );
  expect(injected, view).toBe(0);
  return visibleText(page);
}

async function watchedPage(
  browser: Browser,
  viewport: { width: number; height: number },
): Promise<{ page: Page; seen: Watch }> {
  const page = await pageAt(browser, viewport);
  return { page, seen: watch(page) };
}

test('pages and the API carry the security headers', async ({ request, baseURL }) => {
  const created = await (
    await request.post('/api/workshops', { data: { title: 'Headers', template: 'blank' } })
  ).json();
  for (const path of ['/', '/join', `/join/${created.joinCode}`, `/w/${created.id}`]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    const headers = response.headers();
    expect(headers['content-type'], path).toContain('text/html');
    const csp = headers['content-security-policy'];
    expect(csp, `${path} has a Content-Security-Policy`).toBeTruthy();
    const directives = new Map(
      csp!
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .filter((parts) => parts[0])
        .map(([name, ...values]) => [name!, values]),
    );
    expect(directives.get('frame-ancestors'), path).toEqual(["'none'"]);
    const scriptSrc = directives.get('script-src') ?? directives.get('default-src');
    expect(scriptSrc, path).toBeDefined();
    expect(scriptSrc, path).not.toContain("'unsafe-inline'");
    expect(scriptSrc, path).not.toContain("'unsafe-eval'");
    // Only this app's own scripts, plus SvelteKit's nonce or hash for its bootstrap script.
    for (const source of scriptSrc!)
      expect(source, path).toMatch(/^'(self|nonce-[\w+/=]+|sha(256|384|512)-[\w+/=]+)'$/);
    expect(directives.get('default-src'), path).toEqual(["'self'"]);
    expect(directives.get('base-uri'), path).toEqual(["'self'"]);
    // Sockets only to this same host: no bare ws:/wss: scheme that allows any host.
    const connectSrc = directives.get('connect-src');
    expect(connectSrc, path).toBeDefined();
    for (const source of connectSrc!) expect(source, path).not.toMatch(/^(ws|wss|https?):?$|\*/);
    // …and this page's own socket origin, named explicitly.
    expect(connectSrc, path).toContain(baseURL!.replace(/^http/, 'ws'));
    expect(headers['referrer-policy'], path).toBe('no-referrer');
    expect(headers['x-content-type-options'], path).toBe('nosniff');
  }

  const health = await request.get('/api/health');
  expect(health.ok()).toBe(true);
  expect(health.headers()['referrer-policy']).toBe('no-referrer');
  expect(health.headers()['x-content-type-options']).toBe('nosniff');
});

test('user text is rendered as text on every view, never run', async ({ browser, request }) => {
  test.setTimeout(240_000);
  const texts: string[] = [];

  // Workshop title and venue, and a participant's profile, through the API.
  const createdResponse = await request.post('/api/workshops', {
    data: { title: seeded.title, venue: seeded.venue, template: 'blank' },
  });
  expect(createdResponse.status()).toBe(201);
  const created = await createdResponse.json();
  const joinedResponse = await request.post('/api/join', {
    data: {
      joinCode: created.joinCode,
      name: seeded.name,
      country: 'PH',
      city: seeded.city,
      organisation: seeded.organisation,
      role: seeded.role,
    },
  });
  expect(joinedResponse.status()).toBe(201);
  const joined = await joinedResponse.json();

  // The facilitator console: agenda, polls, groups.
  const { page: fac, seen: facSeen } = await watchedPage(browser, LAPTOP);
  await fac.goto(`/w/${created.id}/facilitate#key=${created.facilitatorKey}`);
  await fac.getByLabel('New module').fill(seeded.module);
  await fac.getByRole('button', { name: 'Add module' }).click();
  const moduleBlock = fac.getByTestId('agenda-module').filter({ hasText: seeded.module });
  await expect(moduleBlock.getByRole('heading', { name: seeded.module })).toBeVisible();
  await moduleBlock.getByRole('button', { name: '+ Add activity' }).click();
  await moduleBlock.getByLabel('Activity title').fill(seeded.activity);
  await moduleBlock.getByRole('button', { name: 'Add activity' }).click();
  await fac.getByRole('button', { name: `Make current ${seeded.activity}` }).click();

  // The participant, with their token where the app keeps it; socket.io must reach the server.
  const { page: ana, seen: anaSeen } = await watchedPage(browser, PHONE);
  await ana.goto('/');
  await ana.evaluate(
    ([w, t]) => localStorage.setItem(`plenary:participant:${w}`, t!),
    [created.id, joined.token],
  );
  await ana.goto(`/w/${created.id}`);
  await expect(ana.getByTestId('connection-status')).toContainText('Connected');
  await expect(ana.getByTestId('current-activity')).toContainText(seeded.activity);

  const polls = fac.locator('#polls');
  const newPoll = async (kind: string, question: string, options: string[]) => {
    await polls.getByRole('button', { name: 'New poll' }).click();
    await polls.getByLabel('Kind of poll').selectOption(kind);
    await polls.getByLabel('Question', { exact: true }).fill(question);
    for (const [i, option] of options.entries()) {
      if (i >= 2) await polls.getByRole('button', { name: '+ Add option' }).click();
      await polls.getByLabel(`Option ${i + 1}`, { exact: true }).fill(option);
    }
    await polls.getByRole('button', { name: 'Create poll' }).click();
    const card = polls.getByTestId('facilitator-poll').filter({ hasText: question });
    await expect(card).toContainText('Draft');
    await card.getByRole('button', { name: 'Open', exact: true }).click();
    return card;
  };
  const choiceCard = await newPoll('single', seeded.pollQuestion, [
    seeded.optionA,
    seeded.optionB,
    seeded.optionC,
  ]);
  const openCard = await newPoll('open', seeded.openQuestion, []);

  const choicePoll = ana.getByTestId('participant-poll').filter({ hasText: seeded.pollQuestion });
  await choicePoll.getByLabel(seeded.optionB).check();
  await choicePoll.getByRole('button', { name: 'Send my vote' }).click();
  await expect(choicePoll.getByTestId('vote-received')).toBeVisible();
  const openPoll = ana.getByTestId('participant-poll').filter({ hasText: seeded.openQuestion });
  await openPoll.getByLabel('Your answer').fill(seeded.openAnswer);
  await openPoll.getByRole('button', { name: 'Send my answer' }).click();
  await expect(openPoll.getByTestId('vote-received')).toBeVisible();

  await ana.getByLabel('Ask the facilitator a question').fill(seeded.floorQuestion);
  await ana.getByRole('button', { name: 'Send question' }).click();
  await expect(ana.getByTestId('participant-question')).toContainText(seeded.floorQuestion);
  await expect(fac.getByTestId('facilitator-question')).toContainText(seeded.floorQuestion);

  for (const card of [choiceCard, openCard]) {
    await card.getByRole('button', { name: 'Results on the projector' }).click();
    await card.getByRole('button', { name: 'Results on phones' }).click();
  }
  await expect(openCard.getByTestId('poll-results')).toContainText(seeded.openAnswer);
  await expect(choiceCard.getByTestId('poll-results')).toContainText(seeded.optionB);

  // A group with the participant in it, and a checklist exercise.
  const groups = fac.getByRole('region', { name: 'Groups' });
  await groups.getByLabel('New group name').fill(seeded.group);
  await groups.getByRole('button', { name: 'Create group' }).click();
  await expect(groups.getByTestId('group-card')).toHaveCount(1);
  await groups.getByLabel(`Group for ${seeded.name}`).selectOption({ label: seeded.group });
  await expect(groups.getByTestId('group-card').getByTestId('member')).toHaveCount(1);
  await groups.getByLabel('Title').fill(seeded.exercise);
  await groups.getByLabel('Kind').selectOption('checklist');
  await groups.getByLabel('Template').selectOption('identification-adult');
  await groups.getByRole('button', { name: 'Launch in every group' }).click();
  await expect(groups.getByTestId('breakout-state')).toHaveText('Breakout is open');
  await expect(ana.getByTestId('my-group')).toContainText(`My group: ${seeded.group}`);

  // The group workspace over y-websocket: add a checklist item with a payload.
  const { page: work, seen: workSeen } = await watchedPage(browser, LAPTOP);
  await work.goto('/');
  await work.evaluate(
    ([w, t]) => localStorage.setItem(`plenary:participant:${w}`, t!),
    [created.id, joined.token],
  );
  await openOur(work, created.id, seeded.exercise);
  await work.getByRole('button', { name: 'Add an item to “Recruitment by deception”' }).click();
  await work.keyboard.type(seeded.item);
  const itemId = await work.evaluate(() => document.activeElement?.id ?? '');
  expect(itemId).toMatch(/-text$/);
  await expect(work.locator(`[id="${itemId}"]`)).toHaveValue(seeded.item);
  // Co-edited: a second load of the workspace gets the item from the server.
  await work.reload();
  await expect(work.getByTestId('doc-status')).toHaveAttribute('data-status', 'connected');
  // Reloaded, the wording is shown as text (editing it is a separate action).
  await expect(work.locator(`[id="${itemId}"]`)).toHaveText(seeded.item);
  texts.push(await expectClean(work, workSeen, 'group workspace'));

  // The projector, first with the open-text poll, then with the choice poll.
  await openCard.getByRole('button', { name: 'Show on projector' }).click();
  const { page: screen, seen: screenSeen } = await watchedPage(browser, PROJECTOR);
  await screen.goto(`/w/${created.id}/screen#key=${created.screenKey}`);
  const projected = screen.getByTestId('projected-poll');
  await expect(projected.getByRole('heading', { name: seeded.openQuestion })).toBeVisible();
  // The projector shows open answers as a word cloud: the payload's words, as plain words.
  await expect(projected).toContainText('onerror');
  texts.push(await expectClean(screen, screenSeen, 'projector, open poll'));
  await choiceCard.getByRole('button', { name: 'Show on projector' }).click();
  await expect(projected.getByRole('heading', { name: seeded.pollQuestion })).toBeVisible();
  await expect(projected.getByTestId('poll-results')).toContainText(seeded.optionA);
  await expect(projected.getByTestId('poll-results')).toContainText(seeded.optionC);
  texts.push(await expectClean(screen, screenSeen, 'projector, choice poll'));
  await fac
    .getByTestId('facilitator-question')
    .getByRole('button', { name: 'Show on projector' })
    .click();
  await expect(screen.getByTestId('projected-question')).toContainText(seeded.floorQuestion);
  texts.push(await expectClean(screen, screenSeen, 'projector, question'));

  // Fresh loads of the console and the participant page, server-rendered from stored data.
  await fac.reload();
  await expect(fac.getByTestId('roster-entry').filter({ hasText: seeded.name })).toContainText(
    seeded.organisation,
  );
  await expect(fac.getByRole('heading', { name: seeded.module })).toBeVisible();
  await fac.getByText('Workshop settings').click();
  texts.push(await expectClean(fac, facSeen, 'facilitator console'));
  await ana.reload();
  await expect(ana.getByTestId('connection-status')).toContainText('Connected');
  await expect(ana.getByTestId('my-group')).toContainText(seeded.group);
  await expect(ana.getByTestId('current-activity')).toContainText(seeded.activity);
  texts.push(await expectClean(ana, anaSeen, 'participant page'));

  // The home page and the join page for the code, in a fresh context.
  const { page: visitor, seen: visitorSeen } = await watchedPage(browser, PHONE);
  await visitor.goto('/');
  texts.push(await expectClean(visitor, visitorSeen, 'home'));
  await visitor.goto(`/join/${created.joinCode}`);
  await expect(visitor.getByTestId('workshop-title')).toContainText(seeded.title);
  texts.push(await expectClean(visitor, visitorSeen, 'join page'));

  // Every seeded text was shown to someone, literally.
  const all = texts.join('\n');
  for (const [field, value] of Object.entries(seeded)) {
    expect(all.includes(value), `${field} is shown as text: ${value}`).toBe(true);
  }

  // The sockets really connected under the CSP (socket.io upgrades to WebSocket; Yjs needs it).
  for (const [seen, path] of [
    [anaSeen, '/socket.io/'],
    [facSeen, '/socket.io/'],
    [screenSeen, '/socket.io/'],
    [workSeen, '/yjs/'],
  ] as const) {
    const socket = seen.sockets.find((s) => new URL(s.url).pathname.startsWith(path));
    expect(socket, `a WebSocket to ${path}: ${JSON.stringify(seen.sockets)}`).toBeDefined();
    expect(socket!.frames, `frames received on ${socket!.url}`).toBeGreaterThan(0);
  }
});

test('map actors, links and budget lines are text in the editors, the gallery and exports', async ({
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const payload = {
    actor: `${IMG} Shelter`,
    contact: `${SCRIPT} duty officer`,
    link: `${SVG} referral`,
    data: `${JS} case file`,
    line: `${SCRIPT} outreach`,
    justification: `${IMG} because`,
    group: `${SVG} Team`,
  };
  const created = await (
    await request.post('/api/workshops', { data: { title: 'Safe text', template: 'blank' } })
  ).json();
  const joined = await (
    await request.post('/api/join', {
      data: { joinCode: created.joinCode, name: 'Invented Ana', country: 'PH' },
    })
  ).json();
  const f = await facilitatorSocket(baseURL!, created.id, created.facilitatorKey);
  const { groupId } = await f.send('group.create', { name: payload.group });
  await f.send('group.assign', { participantId: joined.participantId, groupId });
  await f.send('exercise.launch', { title: 'Map', kind: 'map' });
  await f.send('exercise.launch', {
    title: 'Budget',
    kind: 'budget',
    budget: { envelope: 1000, currency: 'USD' },
  });
  await expect.poll(() => f.session().artifacts.length).toBe(2);
  const [map, budget] = ['map', 'budget'].map((k) =>
    f.session().artifacts.find((a) => a.kind === k)!,
  );
  await edit(baseURL!, created.id, map!.id!, created.facilitatorKey, (doc) => {
    addActor(doc, {
      id: 'a',
      name: payload.actor,
      sector: 'shelter',
      contact: payload.contact,
      x: 0,
      y: 0,
    });
    addActor(doc, { id: 'b', name: 'Police', sector: 'police', contact: '', x: 300, y: 0 });
    addLink(doc, {
      id: 'l',
      from: 'b',
      to: 'a',
      kind: 'refers',
      label: payload.link,
      consent: true,
      data: payload.data,
      pathway: 'both',
    });
  });
  await edit(baseURL!, created.id, budget!.id!, created.facilitatorKey, (doc) => {
    linesOf(doc).push([
      newLine({
        id: 'x',
        pillar: 'prevention',
        amount: 500,
        description: payload.line,
        justification: payload.justification,
      }),
    ]);
  });

  const texts: string[] = [];
  const { page: work, seen } = await watchedPage(browser, LAPTOP);
  await work.goto('/');
  await work.evaluate(
    ([w, t]) => localStorage.setItem(`plenary:participant:${w}`, t!),
    [created.id, joined.token],
  );
  await openOur(work, created.id, 'Map');
  await expect(work.getByText(payload.actor).first()).toBeVisible();
  texts.push(await expectClean(work, seen, 'map editor'));
  await openOur(work, created.id, 'Budget');
  await expect(work.getByText(payload.line).first()).toBeAttached();
  texts.push(await expectClean(work, seen, 'budget editor'));

  const { page: screen, seen: screenSeen } = await watchedPage(browser, PROJECTOR);
  await screen.goto(`/w/${created.id}/screen#key=${created.screenKey}`);
  await f.send('screen.show', { target: { kind: 'exercise', exerciseId: map!.exerciseId } });
  await expect(screen.getByTestId('projected-tile')).toContainText(payload.group);
  texts.push(await expectClean(screen, screenSeen, 'projector, maps'));
  await f.send('screen.show', { target: { kind: 'artifact', artifactId: map!.id } });
  await expect(screen.getByTestId('projected-work')).toContainText(payload.actor);
  texts.push(await expectClean(screen, screenSeen, 'projector, one map'));
  await f.send('screen.show', { target: { kind: 'exercise', exerciseId: budget!.exerciseId } });
  await expect(screen.getByTestId('projected-budgets')).toBeVisible();
  texts.push(await expectClean(screen, screenSeen, 'projector, budgets'));

  // The SVG export is built from the model: the names are escaped text in it, never markup.
  const exported = {
    actors: [
      {
        id: 'a',
        name: payload.actor,
        sector: 'shelter' as const,
        contact: payload.contact,
        x: 0,
        y: 0,
      },
    ],
    links: [],
  };
  const svg = mapSvg(exported, analyseGaps(exported), { title: payload.group });
  const parsed = await work.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return {
      error: doc.querySelector('parsererror') !== null,
      injected: doc.querySelectorAll('script, img, [onload], [onerror]').length,
      text: doc.documentElement.textContent ?? '',
    };
  }, svg);
  expect(parsed).toMatchObject({ error: false, injected: 0 });
  expect(parsed.text).toContain(payload.actor);

  const all = texts.join('\n');
  for (const value of [payload.actor, payload.line, payload.group])
    expect(all.includes(value), `${value} is shown as text`).toBe(true);
  f.socket.close();
});
