import { expect, test, type Locator, type Page } from '@playwright/test';
import { DEFAULT_CRITERIA, type NetworkMap, type Sector } from '@plenary/shared';
import {
  addActor,
  addLink,
  linesOf,
  newLine,
  newObjective,
  objectivesOf,
  practiceText,
} from '@plenary/shared/docs';
import * as Y from 'yjs';
import { checkA11y, edit, facilitatorSocket, shot, PROJECTOR, pageAt } from './support.js';
import { measureReach } from './projector-reach.js';

/** The projector from the back of the room (issue 22, item 8). */

const GROUPS = ['Manila team', 'Bangkok team', 'Hanoi team'];

function mapOf(group: string): NetworkMap {
  const actor = (id: string, name: string, sector: Sector, x: number, y = 100) => ({
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
  return {
    actors: [
      actor('police', `${group} police`, 'police', 0),
      actor('welfare', 'Social welfare office', 'welfare', 400),
      actor('shelter', 'Invented Shelter', 'shelter', 800),
      actor('hotline', 'Invented Hotline', 'hotline', 0, 300),
    ],
    links: [link('k1', 'police', 'welfare'), link('k2', 'welfare', 'shelter')],
  };
}

/** Eight actors side by side, as a group that lays its referral path out in one line. */
function wideMapOf(group: string): NetworkMap {
  const sectors: Sector[] = [
    'police',
    'labour',
    'welfare',
    'health',
    'shelter',
    'legal',
    'ngo',
    'embassy',
  ];
  const map = mapOf(group);
  return {
    actors: sectors.map((sector, i) => ({
      id: `w${i}`,
      name: `${group} ${sector} desk`,
      sector,
      contact: '',
      x: i * 400,
      y: 100,
    })),
    links: sectors
      .slice(1)
      .map((_, i) => ({ ...map.links[0]!, id: `wk${i}`, from: `w${i}`, to: `w${i + 1}` })),
  };
}

/** Criteria named at the longest a facilitator may write them (60 characters), and short ones. */
const LONG_CRITERIA = [
  'Relevance to what victims in our referral pathway need most',
  'Victim-centred: informed consent, privacy and safety always',
  'Effective at identifying and protecting trafficked persons',
];

const text = (m: Y.Map<unknown>, key: string, value: string) =>
  (m.get(key) as Y.Text).insert(0, value);

test('every projected view keeps text at 24 px or more and fits a 1920 x 1080 screen', async ({
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(360_000);
  const created = await (
    await request.post('/api/workshops', {
      data: { title: 'Regional referral exchange', template: 'blank' },
    })
  ).json();
  const f = await facilitatorSocket(baseURL!, created.id, created.facilitatorKey);
  for (const [i, name] of GROUPS.entries()) {
    const joined = await (
      await request.post('/api/join', {
        data: { joinCode: created.joinCode, name: `Person ${i + 1}`, country: 'PH' },
      })
    ).json();
    const { groupId } = await f.send('group.create', { name });
    await f.send('group.assign', { participantId: joined.participantId, groupId });
  }
  const launched: Record<string, string> = {};
  for (const [kind, title, extra] of [
    ['map', 'Referral map', {}],
    ['budget', 'Budget 2027', { budget: { envelope: 100000, currency: 'USD', shares: {} } }],
    ['checklist', 'First contact', { template: 'first-contact-referral' }],
    ['action-plan', 'Action plan', {}],
    ['practice', 'Practice write-up', {}],
  ] as const) {
    const { exerciseId } = await f.send('exercise.launch', { title, kind, ...extra });
    launched[kind] = exerciseId!;
  }
  await expect.poll(() => f.session().artifacts.length).toBe(15);
  const artifacts = f.session().artifacts;
  const groupOf = (id: string) => f.session().groups.find((g) => g.id === id)!.name;
  const artifactOf = (kind: string, group: string) =>
    artifacts.find((a) => a.kind === kind && groupOf(a.groupId!) === group)!;
  const first = (kind: string) => artifactOf(kind, 'Manila team');
  for (const a of artifacts) {
    const group = groupOf(a.groupId!);
    await edit(baseURL!, created.id, a.id!, created.facilitatorKey, (doc) => {
      if (a.kind === 'map') {
        const map = group === 'Hanoi team' ? wideMapOf(group) : mapOf(group);
        for (const actor of map.actors) addActor(doc, actor);
        for (const l of map.links) addLink(doc, l);
      } else if (a.kind === 'budget') {
        (
          [
            ['prevention', 30000, 'School outreach'],
            ['protection', 45000, 'Shelter beds and case workers'],
            ['partnership', 10000, 'Referral network meetings'],
          ] as const
        ).forEach(([pillar, amount, description], i) =>
          linesOf(doc).push([
            newLine({ id: `l${i}`, pillar, amount, description, justification: 'Agreed' }),
          ]),
        );
      } else if (a.kind === 'action-plan') {
        for (const [i, action] of ['Train hotline staff', 'Sign a referral protocol'].entries()) {
          const o = newObjective(`o${i}`);
          objectivesOf(doc).push([o]);
          text(o, 'action', action);
          text(o, 'indicator', 'Number of referrals');
        }
      } else if (a.kind === 'practice') {
        practiceText(doc, 'name').insert(0, `${group} one-stop desk`);
        practiceText(doc, 'problem').insert(0, 'Victims told their story five times.');
        practiceText(doc, 'action').insert(0, 'One desk at the police station, one interview.');
      }
    });
  }
  const { roundId } = await f.send('review.open', {
    exerciseId: launched.practice,
    // The whole default set (six), the first three with long names.
    criteria: DEFAULT_CRITERIA.map((c, i) => ({
      label: LONG_CRITERIA[i] ?? c.label,
      description: c.description,
      anchors: c.anchors,
    })),
  });
  await f.send('review.setState', { roundId, state: 'closed' });
  await f.send('review.reveal', { roundId, revealed: true });

  const screen = await pageAt(browser, PROJECTOR);
  await screen.goto(`/w/${created.id}/screen#key=${created.screenKey}`);
  await expect(screen.getByTestId('workshop-title')).toHaveText('Regional referral exchange');

  const views: Array<[string, Record<string, string>, (p: Page) => Locator]> = [
    [
      'map',
      { kind: 'artifact', artifactId: first('map').id! },
      (p) => p.getByTestId('projected-map'),
    ],
    [
      'wide map',
      { kind: 'artifact', artifactId: artifactOf('map', 'Hanoi team').id! },
      (p) => p.getByTestId('projected-map'),
    ],
    [
      'maps',
      { kind: 'exercise', exerciseId: launched.map! },
      (p) => p.getByTestId('tile-gaps').first(),
    ],
    [
      'budgets',
      { kind: 'exercise', exerciseId: launched.budget! },
      // Every group's budget read, not only the empty frame (which fits whatever follows).
      (p) =>
        p.getByTestId('projected-budgets').getByRole('img', {
          name: /^Prevention: Manila team 30%, Bangkok team 30%,( and)? Hanoi team 30%/,
        }),
    ],
    [
      'budget',
      { kind: 'artifact', artifactId: first('budget').id! },
      (p) => p.getByTestId('projected-budget'),
    ],
    [
      'checklists',
      { kind: 'exercise', exerciseId: launched.checklist! },
      (p) => p.getByTestId('projected-tile').first(),
    ],
    [
      'checklist',
      { kind: 'artifact', artifactId: first('checklist').id! },
      (p) => p.getByTestId('projected-checklist'),
    ],
    [
      'plans',
      { kind: 'exercise', exerciseId: launched['action-plan']! },
      (p) => p.getByText('Train hotline staff').first(),
    ],
    [
      'plan',
      { kind: 'artifact', artifactId: first('action-plan').id! },
      (p) => p.getByTestId('projected-plan'),
    ],
    [
      'practices',
      { kind: 'exercise', exerciseId: launched.practice! },
      (p) => p.getByText('Manila team one-stop desk'),
    ],
    [
      'review',
      { kind: 'review', exerciseId: launched.practice! },
      (p) => p.getByTestId('projected-review'),
    ],
  ];
  for (const [name, target, ready] of views) {
    await f.send('screen.show', { target });
    await expect(ready(screen), name).toBeVisible();
    if (process.env.REACH_REPORT) {
      await screen.waitForTimeout(1500);
      console.log(name, JSON.stringify(await measureReach(screen)));
      await shot(screen, `projector-${name}`);
      continue;
    }
    // The map zooms to fit as it loads: wait for the drawing to settle on what it shows.
    await expect
      .poll(() => measureReach(screen), { message: `${name} on the projector`, timeout: 10_000 })
      .toEqual({ small: [], outside: [] });
    await checkA11y(screen, `projected ${name}`);
    await shot(screen, `projector-${name}`);
  }

  // Long criteria are whole on the projector, never cut with an ellipsis: numbered on the
  // charts, listed in full by number beside them.
  await f.send('screen.show', { target: views.find(([n]) => n === 'review')![1] });
  const review = screen.getByTestId('projected-review');
  const labels = DEFAULT_CRITERIA.map((c, i) => LONG_CRITERIA[i] ?? c.label);
  expect(labels).toHaveLength(6);
  for (const [i, label] of labels.entries())
    await expect(review.getByText(`${i + 1}. ${label}`, { exact: true })).toBeVisible();
  await expect(review).not.toContainText('…');
  // The wide map shows every actor, folded into bands rather than shrunk.
  await f.send('screen.show', { target: views.find(([n]) => n === 'wide map')![1] });
  for (const actor of wideMapOf('Hanoi team').actors)
    await expect(screen.getByText(actor.name, { exact: true })).toBeInViewport();

  // The map: fitted to the screen with no credit line in a corner.
  await f.send('screen.show', { target: views[0]![1] });
  await expect(screen.getByTestId('projected-map')).toBeVisible();
  await expect(screen.locator('.svelte-flow__attribution')).toHaveCount(0);
  await expect(screen.getByText('Invented Hotline')).toBeInViewport();
  f.socket.close();
});
