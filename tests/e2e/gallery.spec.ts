import { expect, test } from '@playwright/test';
import { analyseGaps, type NetworkMap, type Sector } from '@plenary/shared';
import { addActor, addLink, linesOf, newLine } from '@plenary/shared/docs';
import {
  checkA11y,
  edit,
  facilitatorSocket,
  shot,
  LAPTOP,
  PHONE,
  PROJECTOR,
  pageAt,
  participantPage,
} from './support.js';

/** Each group's referral map; Hanoi's group has not linked anyone yet. */
function mapOf(group: string): NetworkMap {
  const actor = (id: string, name: string, sector: Sector, x: number, y = 100) => ({
    id,
    name,
    sector,
    contact: '',
    x,
    y,
  });
  const actors = [
    actor('police', `${group} police`, 'police', 0),
    actor('welfare', 'Social welfare office', 'welfare', 400),
    ...(group === 'Hanoi team' ? [] : [actor('shelter', 'Invented Shelter', 'shelter', 800)]),
    ...(group === 'Bangkok team'
      ? [actor('hotline', 'Invented Hotline 1300', 'hotline', 0, 300)]
      : []),
  ];
  const link = (id: string, from: string, to: string) => ({
    id,
    from,
    to,
    kind: 'refers' as const,
    label: 'Screening',
    consent: true,
    data: 'Name and case file',
    pathway: 'both' as const,
  });
  const links =
    group === 'Hanoi team'
      ? []
      : [
          link('k1', 'police', 'welfare'),
          link('k2', 'welfare', 'shelter'),
          ...(group === 'Bangkok team' ? [link('k3', 'hotline', 'shelter')] : []),
        ];
  return { actors, links };
}

const BUDGETS: Record<string, Array<[string, number, string]>> = {
  'Manila team': [
    ['prevention', 30000, 'School outreach on online recruitment'],
    ['protection', 45000, 'Shelter beds and case workers'],
    ['prosecution', 15000, 'Joint training of police and prosecutors'],
    ['partnership', 10000, 'Referral network meetings'],
  ],
  'Bangkok team': [
    ['prevention', 20000, 'Hotline awareness campaign'],
    ['protection', 60000, 'Medical and legal assistance'],
    ['monitoring', 30000, 'Case-tracking database'],
  ],
  'Hanoi team': [
    ['prevention', 50000, 'Village information sessions'],
    ['protection', 25000, 'Reintegration grants'],
    ['partnership', 15000, 'Cross-border working group'],
  ],
};

test('the facilitator puts every group’s budget and map on the projector', async ({
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const created = await (
    await request.post('/api/workshops', {
      data: { title: 'Peer exchange, day 3', template: 'blank' },
    })
  ).json();
  const names = Object.keys(BUDGETS);
  const people = [];
  for (const [i, name] of ['Ana Reyes', 'Ben Somchai', 'Chi Nguyen'].entries())
    people.push(
      await (
        await request.post('/api/join', {
          data: { joinCode: created.joinCode, name, country: ['PH', 'TH', 'VN'][i] },
        })
      ).json(),
    );

  const f = await facilitatorSocket(baseURL!, created.id, created.facilitatorKey);
  for (const [i, name] of names.entries()) {
    const { groupId } = await f.send('group.create', { name });
    await f.send('group.assign', { participantId: people[i].participantId, groupId });
  }
  await f.send('exercise.launch', {
    title: 'Budget 2027',
    kind: 'budget',
    budget: { envelope: 100000, currency: 'USD', shares: { protection: { min: 30, max: null } } },
  });
  await f.send('exercise.launch', { title: 'Referral map', kind: 'map' });
  await expect.poll(() => f.session().artifacts.length).toBe(6);
  const artifacts = f.session().artifacts;
  const groupOf = (id: string) => f.session().groups.find((g) => g.id === id)!.name;
  for (const a of artifacts) {
    const group = groupOf(a.groupId!);
    if (a.kind === 'budget')
      await edit(baseURL!, created.id, a.id!, created.facilitatorKey, (doc) => {
        BUDGETS[group]!.forEach(([pillar, amount, description], i) =>
          linesOf(doc).push([
            newLine({
              id: `l${i}`,
              pillar: pillar as never,
              amount,
              description,
              justification: 'Agreed by the group',
            }),
          ]),
        );
      });
    else
      await edit(baseURL!, created.id, a.id!, created.facilitatorKey, (doc) => {
        const map = mapOf(group);
        for (const actor of map.actors) addActor(doc, actor);
        for (const link of map.links) addLink(doc, link);
      });
  }

  const screen = await pageAt(browser, PROJECTOR);
  await screen.goto(`/w/${created.id}/screen#key=${created.screenKey}`);
  await expect(screen.getByTestId('workshop-title')).toHaveText('Peer exchange, day 3');

  const fac = await pageAt(browser, LAPTOP);
  await fac.goto(`/w/${created.id}/facilitate#key=${created.facilitatorKey}`);
  const gallery = fac.getByTestId('screen-controls');
  await expect(gallery).toBeVisible();
  const budgetRow = gallery.getByRole('listitem').filter({ hasText: 'Budget 2027' }).first();
  await budgetRow.getByRole('button', { name: 'Show all groups' }).click();
  await expect(gallery.getByTestId('screen-showing')).toContainText('All groups: Budget 2027');

  // The projector: one comparison of the three budgets by pillar.
  const compare = screen.getByTestId('projected-budgets');
  await expect(compare).toBeVisible();
  for (const name of names) await expect(compare.getByText(name).first()).toBeAttached();
  await expect(screen.getByTestId('budget-compare-table')).toContainText('Bangkok team');
  await checkA11y(screen, 'projector budget comparison');
  await shot(screen, 'gallery-budgets-projector');

  // All maps side by side, with their gap counts.
  const mapRow = gallery.getByRole('listitem').filter({ hasText: 'Referral map' }).first();
  await mapRow.getByRole('button', { name: 'Show all groups' }).click();
  const tiles = screen.getByTestId('projected-tile');
  await expect(tiles).toHaveCount(3);
  const gapsOf = async (name: string) =>
    Number(
      (await tiles.filter({ hasText: name }).getByTestId('tile-gaps').innerText()).split(' ')[0],
    );
  // Each tile's count is the gap analysis of that group's map, computed live on the projector.
  for (const name of names)
    await expect.poll(() => gapsOf(name)).toBe(analyseGaps(mapOf(name)).count);
  expect(analyseGaps(mapOf('Hanoi team')).count).toBeGreaterThan(
    analyseGaps(mapOf('Bangkok team')).count,
  );
  await checkA11y(screen, 'projector map gallery');
  await shot(screen, 'gallery-maps-projector');

  // One group's map full screen, read-only.
  await mapRow.getByRole('button', { name: 'Bangkok team' }).click();
  await expect(gallery.getByTestId('screen-showing')).toContainText('Bangkok team: Referral map');
  await expect(screen.getByTestId('projected-work')).toContainText('Bangkok team police');
  await shot(screen, 'gallery-one-map-projector');
  await shot(fac, 'gallery-console-laptop');
  await checkA11y(fac, 'console with gallery controls');

  // Participants browse the others' work once the gallery is open, read-only.
  await f.send('gallery.set', { open: true });
  const ana = await participantPage(browser, PHONE, created.id, people[0].token);
  const other = ana.getByRole('link', { name: 'Bangkok team: Budget 2027' });
  await expect(other).toBeVisible();
  await other.click();
  await expect(ana.getByTestId('read-only')).toBeVisible();
  await shot(ana, 'gallery-other-budget-phone');

  await gallery.getByRole('button', { name: 'Back to the activity' }).click();
  await expect(screen.getByTestId('projected-work')).toHaveCount(0);
  f.socket.close();
});
