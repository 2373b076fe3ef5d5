import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { io } from 'socket.io-client';
import {
  analyseGaps,
  DEFAULT_CRITERIA,
  PROTOCOL_VERSION,
  type NetworkMap,
  type ReviewRoundView,
  type Sector,
} from '@plenary/shared';
import {
  addActor,
  addLink,
  linesOf,
  newLine,
  newObjective,
  objectivesOf,
  practiceText,
} from '@plenary/shared/docs';
import type * as Y from 'yjs';
import { expectNothingOverflows, messages, pageIn, PHONE_390 } from './languages-support.js';
import { measureReach } from './projector-reach.js';
import {
  checkA11y,
  createBlankWorkshop,
  edit,
  facilitatorSocket,
  joinWorkshop,
  PROJECTOR,
  SCREENSHOT_DIR,
  shot,
} from './support.js';

/** The projector's group work and peer review in the workshop's languages (issue 23). */

const GROUPS = ['Team Chao Phraya', 'Team Mekong'] as const;

/** A message with its placeholders filled in, as the page fills them. */
const fill = (message: string | undefined, values: Record<string, string | number>): string =>
  Object.entries(values).reduce(
    (text, [name, value]) => text.replaceAll(`{${name}}`, String(value)),
    message ?? '',
  );

/** A participant's commands, sent as their phone sends them. */
async function participantSocket(base: string, workshopId: string, token: string) {
  const socket = io(base, {
    transports: ['websocket'],
    auth: { protocol: PROTOCOL_VERSION, workshopId, credential: { kind: 'participant', token } },
  });
  await new Promise<void>((resolve) => socket.once('welcome', () => resolve()));
  let n = 0;
  const send = async (name: string, payload: Record<string, unknown>) => {
    const ack = (await socket.emitWithAck(name, {
      cmdId: `phone-${Date.now()}-${++n}`,
      ...payload,
    })) as {
      ok: boolean;
      message?: string;
    };
    if (!ack.ok) throw new Error(`${name}: ${ack.message}`);
  };
  return { socket, send };
}

const actor = (id: string, name: string, sector: Sector, x: number, y: number) => ({
  id,
  name,
  sector,
  contact: '',
  x,
  y,
});
const link = (id: string, from: string, to: string) => ({
  id,
  from,
  to,
  kind: 'refers' as const,
  label: 'Screening',
  consent: true,
  data: '',
  pathway: 'both' as const,
});
/** Four actors and two links; the shelter is linked to nobody. */
const MAP: NetworkMap = {
  actors: [
    actor('police', 'Provincial police', 'police', 0, 100),
    actor('welfare', 'Social welfare office', 'welfare', 400, 100),
    actor('shelter', 'Invented Shelter', 'shelter', 800, 100),
    actor('hotline', 'Invented Hotline', 'hotline', 0, 300),
  ],
  links: [link('k1', 'hotline', 'police'), link('k2', 'police', 'welfare')],
};
const GAPS = analyseGaps(MAP).count;

function fillMap(doc: Y.Doc): void {
  for (const a of MAP.actors) addActor(doc, a);
  for (const l of MAP.links) addLink(doc, l);
}

/** A workshop with two groups' maps, plans, budgets and practices, and a revealed review. */
async function workshopWithWork(
  request: import('@playwright/test').APIRequestContext,
  base: string,
) {
  const w = await createBlankWorkshop(request, 'Regional referral exchange');
  const f = await facilitatorSocket(base, w.id, w.facilitatorKey);
  let rounds: ReviewRoundView[] = [];
  f.socket.on('reviews', (r: ReviewRoundView[]) => (rounds = r));
  const people: (Awaited<ReturnType<typeof joinWorkshop>> & { groupId: string })[] = [];
  for (const [i, name] of GROUPS.entries()) {
    const p = await joinWorkshop(request, w.joinCode, `Person ${i + 1}`, i ? 'VN' : 'TH');
    const { groupId } = await f.send('group.create', { name });
    await f.send('group.assign', { participantId: p.participantId, groupId });
    people.push({ ...p, groupId: groupId! });
  }
  const launched: Record<string, string> = {};
  for (const [kind, title, extra] of [
    ['map', 'Referral map', {}],
    ['budget', 'Budget 2027', { budget: { envelope: 100000, currency: 'USD', shares: {} } }],
    ['checklist', 'Indicators', { template: 'identification-adult' }],
    ['action-plan', 'Action plan', {}],
    ['practice', 'Practice write-up', {}],
  ] as const) {
    const { exerciseId } = await f.send('exercise.launch', { title, kind, ...extra });
    launched[kind] = exerciseId!;
  }
  await expect.poll(() => f.session().artifacts.length).toBe(10);
  for (const a of f.session().artifacts) {
    const group = f.session().groups.find((g) => g.id === a.groupId)!.name;
    await edit(base, w.id, a.id, w.facilitatorKey, (doc) => {
      if (a.kind === 'map') fillMap(doc);
      else if (a.kind === 'budget')
        linesOf(doc).push([
          newLine({
            id: 'l1',
            pillar: 'protection',
            amount: 45000,
            description: 'Shelter beds',
            justification: 'Agreed',
          }),
        ]);
      else if (a.kind === 'action-plan') {
        const o = newObjective('o1');
        objectivesOf(doc).push([o]);
        (o.get('action') as Y.Text).insert(0, 'Train hotline staff');
        (o.get('indicator') as Y.Text).insert(0, 'Number of referrals');
      } else if (a.kind === 'practice') {
        practiceText(doc, 'name').insert(0, `${group} one-stop desk`);
        practiceText(doc, 'problem').insert(0, 'Victims told their story five times.');
      }
    });
  }
  const criteria = DEFAULT_CRITERIA.slice(0, 4);
  const { roundId } = await f.send('review.open', {
    exerciseId: launched.practice,
    criteria: criteria.map(({ label, description, anchors }) => ({ label, description, anchors })),
  });
  await expect.poll(() => rounds.find((r) => r.id === roundId)?.criteria.length).toBe(4);
  const ids = rounds.find((r) => r.id === roundId)!.criteria.map((c) => c.id);
  // Peers give 4 throughout; Chao Phraya rates itself 2 on the third criterion and Mekong on
  // the second, 4 elsewhere: each could borrow its weakest criterion from the other.
  for (const [i, p] of people.entries()) {
    const other = people[1 - i]!;
    const phone = await participantSocket(base, w.id, p.token);
    const scores = (s: (c: number) => number) => Object.fromEntries(ids.map((id, c) => [id, s(c)]));
    await phone.send('review.rate', {
      roundId,
      targetGroupId: p.groupId,
      as: 'self',
      scores: scores((c) => (c === 2 - i ? 2 : 4)),
      comment: '',
    });
    await phone.send('review.rate', {
      roundId,
      targetGroupId: other.groupId,
      as: 'peer',
      scores: scores(() => 4),
      comment: '',
    });
    phone.socket.close();
  }
  await f.send('review.setState', { roundId, state: 'closed' });
  await f.send('review.reveal', { roundId, revealed: true });
  const artifactOf = (kind: string) =>
    f.session().artifacts.find((a) => a.kind === kind && a.groupId === people[0]!.groupId)!;
  return { w, f, launched, artifactOf, criteria };
}

/** Shown, settled (a map zooms as it loads), every text at 24 px or more and on the screen. */
async function expectReadable(screen: Page, ready: Locator, name: string): Promise<void> {
  await expect(ready, name).toBeVisible();
  await expect
    .poll(() => measureReach(screen), { message: `${name} on the projector`, timeout: 10_000 })
    .toEqual({ small: [], outside: [] });
  await checkA11y(screen, `projected ${name}`);
}

test('a Thai and English projector shows the groups’ work and the peer review in both', async ({
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(360_000);
  const th = messages('th');
  const km = messages('km');
  const { w, f, launched, artifactOf, criteria } = await workshopWithWork(request, baseURL!);
  await f.send('workshop.update', { projectorLanguages: ['th', 'en'] });
  const screen = await pageIn(browser, PROJECTOR, 'en-US');
  await screen.goto(`/w/${w.id}/screen#key=${w.screenKey}`);
  await expect(screen.locator('html')).toHaveAttribute('lang', 'th');
  const both = (where: Locator, thai: string, english: string) =>
    Promise.all([
      expect(where.locator('span[lang="th"]', { hasText: thai }).first()).toBeVisible(),
      expect(where.locator('span[lang="en"]', { hasText: english }).first()).toBeVisible(),
    ]);

  // One group's map: its summary in Thai and English, the labels on the map in Thai.
  await f.send('screen.show', { target: { kind: 'artifact', artifactId: artifactOf('map').id } });
  const map = screen.getByTestId('projected-map');
  await expectReadable(screen, map, 'map in Thai and English');
  await both(
    screen.getByTestId('projected-map-summary'),
    fill(th.map_summary, { actors: 4, links: 2, gaps: GAPS }),
    `4 actors · 2 links · ${GAPS} gaps`,
  );
  await expect(map.getByText(th.map_sector_shelter!, { exact: true })).toBeVisible();
  await expect(map.getByText(th.map_badge_gap!, { exact: true }).first()).toBeVisible();
  await both(screen.getByTestId('projected-work'), th.group_kind_map!, 'Referral-network map');
  await shot(screen, 'languages-projector-map-th-en-1920');

  // Every group's map side by side, then the other views of group work.
  await f.send('screen.show', { target: { kind: 'exercise', exerciseId: launched.map } });
  await expectReadable(screen, screen.getByTestId('tile-gaps').first(), 'maps in Thai and English');
  await both(
    screen.getByTestId('tile-gaps').first(),
    fill(th.projector_tile_map, { gaps: GAPS, actors: 4 }),
    `${GAPS} gaps · 4 actors`,
  );
  const views: Array<[string, Record<string, string>, (p: Page) => Locator]> = [
    [
      'checklist',
      { kind: 'artifact', artifactId: artifactOf('checklist').id },
      (p) => p.getByTestId('projected-checklist'),
    ],
    [
      'plan',
      { kind: 'artifact', artifactId: artifactOf('action-plan').id },
      (p) => p.getByTestId('projected-plan'),
    ],
    [
      'budget',
      { kind: 'artifact', artifactId: artifactOf('budget').id },
      (p) => p.getByTestId('projected-budget'),
    ],
    [
      'budgets',
      { kind: 'exercise', exerciseId: launched.budget! },
      (p) => p.getByTestId('projected-budgets'),
    ],
    [
      'practices',
      { kind: 'exercise', exerciseId: launched.practice! },
      (p) => p.getByText('Team Mekong one-stop desk'),
    ],
  ];
  for (const [name, target, ready] of views) {
    await f.send('screen.show', { target });
    await expectReadable(screen, ready(screen), `${name} in Thai and English`);
    await shot(screen, `languages-projector-${name}-th-en-1920`);
  }
  await f.send('screen.show', { target: views[0]![1] });
  await both(
    screen.getByTestId('projected-checklist'),
    th.projector_observed_count!.split('{done}')[0]!,
    ' observed',
  );

  // The peer review: headings, legend, figures and what to borrow in both languages.
  await f.send('screen.show', { target: { kind: 'review', exerciseId: launched.practice! } });
  const review = screen.getByTestId('projected-review');
  await expectReadable(screen, review, 'peer review in Thai and English');
  await both(
    review.getByRole('heading', { level: 1 }),
    fill(th.projector_review_heading, { title: 'Practice write-up' }),
    'Peer review: Practice write-up',
  );
  await both(review, th.projector_review_peers_mean!, 'Peers’ average');
  await both(review, th.projector_review_leaders!, 'Rated highest by peers');
  const borrow = `2. ${criteria[1]!.label}`;
  await both(
    review.getByTestId('projected-borrow'),
    fill(th.projector_review_borrow_item, {
      group: 'Team Mekong',
      criterion: borrow,
      from: 'Team Chao Phraya',
    }),
    `Team Mekong → ${borrow}: learn from Team Chao Phraya`,
  );
  await both(
    review.getByTestId('projected-practice').filter({ hasText: 'Team Chao Phraya' }),
    fill(th.projector_review_scores, { peers: '4.0', self: '3.5', count: 1 }),
    'Peers 4.0 · Self 3.5 · 1 rating',
  );
  await shot(screen, 'languages-projector-review-th-en-1920');

  // In Khmer alone: the review and the map, for the eye (Khmer script at 1920 x 1080).
  await f.send('workshop.update', { projectorLanguages: ['km'] });
  await expect(screen.locator('html')).toHaveAttribute('lang', 'km');
  await expect(review.getByRole('heading', { level: 1 })).toHaveText(
    fill(km.projector_review_heading, { title: 'Practice write-up' }),
  );
  await expectReadable(screen, review, 'peer review in Khmer');
  await shot(screen, 'languages-projector-review-km-1920');
  await f.send('screen.show', { target: { kind: 'artifact', artifactId: artifactOf('map').id } });
  await expect(screen.getByTestId('projected-map-summary')).toHaveText(
    fill(km.map_summary, { actors: 4, links: 2, gaps: GAPS }),
  );
  await expectReadable(screen, map, 'map in Khmer');
  await shot(screen, 'languages-projector-map-km-1920');
  f.socket.close();
});

test('a Vietnamese participant reads the map and the countries in Vietnamese', async ({
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const vi = messages('vi');
  const w = await createBlankWorkshop(request, 'Referral day');
  const lan = await joinWorkshop(request, w.joinCode, 'Lan Nguyen', 'VN');
  const som = await joinWorkshop(request, w.joinCode, 'Somchai Dee', 'TH');
  const f = await facilitatorSocket(baseURL!, w.id, w.facilitatorKey);
  const { groupId } = await f.send('group.create', { name: 'Team Mekong' });
  await f.send('group.assign', { participantId: lan.participantId, groupId });
  await f.send('group.assign', { participantId: som.participantId, groupId });
  await f.send('exercise.launch', { title: 'Referral map', kind: 'map' });
  await expect.poll(() => f.session().artifacts.length).toBe(1);
  const artifactId = f.session().artifacts[0]!.id;
  await edit(baseURL!, w.id, artifactId, w.facilitatorKey, fillMap);

  const page = await pageIn(browser, PHONE_390, 'vi-VN');
  await page.goto('/');
  await page.evaluate(
    ([id, t]) => localStorage.setItem(`plenary:participant:${id}`, t!),
    [w.id, lan.token],
  );
  // Who is here: each country named in Vietnamese (stored as its ISO code).
  await page.goto(`/w/${w.id}`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  const who = page.getByTestId('who-list');
  await expect(who.getByRole('listitem').filter({ hasText: 'Lan Nguyen' })).toContainText(
    'Việt Nam',
  );
  await expect(who.getByRole('listitem').filter({ hasText: 'Somchai Dee' })).toContainText(
    'Thái Lan',
  );
  await expectNothingOverflows(page);
  await checkA11y(page, 'participant page in Vietnamese');

  // The map: its summary, the canvas's badges, the details of an actor and the downloads.
  await page.goto(`/w/${w.id}/group/${artifactId}`);
  await expect(page.getByTestId('doc-status')).toHaveAttribute('data-status', 'connected');
  await expect(page.getByTestId('map-summary')).toHaveText(
    fill(vi.map_summary, { actors: 4, links: 2, gaps: GAPS }),
  );
  await expect(page.getByTestId('map-canvas').getByText(vi.map_badge_gap!).first()).toBeVisible();
  await expect(
    page.getByTestId('map-canvas').getByText(vi.map_badge_consent!).first(),
  ).toBeVisible();
  // Nothing in English is left on the canvas or in its legend.
  for (const english of ['gap', 'consent', 'Download'])
    await expect(page.getByText(english, { exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: vi.map_download_svg })).toBeVisible();
  await expect(page.getByText(vi.map_download!, { exact: true })).toBeVisible();
  await page
    .getByRole('button', { name: fill(vi.map_edit_actor, { name: 'Invented Shelter' }) })
    .click();
  const details = page.getByTestId('map-details');
  await expect(details.getByRole('heading', { name: 'Invented Shelter' })).toBeFocused();
  await expect(details).toContainText(
    fill(vi.map_gap_reasons, { reasons: vi.map_reason_isolated! }),
  );
  await expect(details.getByRole('button', { name: vi.map_close })).toBeVisible();
  await expect(details.getByRole('button', { name: vi.map_delete_actor })).toBeVisible();
  await expectNothingOverflows(page);
  await checkA11y(page, 'map in Vietnamese');
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'languages-map-vi-390-screen.png') });
  await shot(page, 'languages-map-vi-390');
  f.socket.close();
});
