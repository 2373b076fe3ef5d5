import { expect, test, type Page } from '@playwright/test';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION } from '@plenary/shared';
import { join } from 'node:path';
import {
  SCREENSHOT_DIR,
  checkA11y,
  shot,
  LAPTOP,
  PHONE,
  PROJECTOR,
  openOur,
  pageAt,
  participantPage,
} from './support.js';

/** The facilitator's setup commands, sent from the test as the console would send them. */
async function facilitatorSocket(base: string, workshopId: string, key: string) {
  const socket: Socket = io(base, {
    transports: ['websocket'],
    auth: { protocol: PROTOCOL_VERSION, workshopId, credential: { kind: 'facilitator', key } },
  });
  await new Promise<void>((resolve) => socket.once('welcome', () => resolve()));
  let n = 0;
  const send = async (name: string, payload: Record<string, unknown>) => {
    const ack = (await socket.emitWithAck(name, {
      cmdId: `review-${Date.now()}-${++n}`,
      ...payload,
    })) as { ok: boolean; message?: string } & Record<string, string>;
    if (!ack.ok) throw new Error(`${name}: ${ack.message}`);
    return ack;
  };
  return { socket, send };
}

interface City {
  person: string;
  country: string;
  group: string;
  practice: { name: string; problem: string; action: string; results: string };
  /** Scores on the six default criteria: its own practice, then the others'. */
  self: number[];
  rates: Record<string, { scores: number[]; comment: string }>;
}

const CITIES: City[] = [
  {
    person: 'Ana Reyes',
    country: 'PH',
    group: 'Manila team',
    practice: {
      name: 'Joint inspections of fishing boats',
      problem: 'Forced labour at sea went unseen: crews never came ashore long enough.',
      action: 'Police, labour inspectors and an NGO board boats together at the fish port.',
      results: 'In one invented year, 40 crew members were identified and referred.',
    },
    self: [4, 3, 5, 2, 3, 4],
    rates: {
      'Bangkok team': {
        scores: [4, 4, 3, 5, 4, 3],
        comment: 'The hotline script is easy to copy.',
      },
      'Hanoi team': { scores: [3, 3, 4, 4, 2, 5], comment: 'Strong village partnerships.' },
    },
  },
  {
    person: 'Ben Somchai',
    country: 'TH',
    group: 'Bangkok team',
    practice: {
      name: 'Hotline 1300 with interpreters',
      problem: 'Migrant workers could not report abuse in their own language.',
      action: 'A 24-hour hotline with interpreters in four languages, linked to shelters.',
      results: 'Calls from migrant workers tripled; 12 cases reached prosecutors.',
    },
    self: [5, 4, 4, 4, 5, 3],
    rates: {
      'Manila team': { scores: [4, 3, 5, 3, 4, 4], comment: 'Joint boarding builds trust.' },
      'Hanoi team': { scores: [3, 2, 4, 4, 3, 5], comment: '' },
    },
  },
  {
    person: 'Chi Nguyen',
    country: 'VN',
    group: 'Hanoi team',
    practice: {
      name: 'Village information sessions',
      problem: 'Families trusted brokers who promised factory work abroad.',
      action: 'Returnees lead monthly sessions with the women’s union in border villages.',
      results: 'Fewer families signed with unlicensed brokers, by the union’s own count.',
    },
    self: [3, 2, 4, 3, 2, 5],
    rates: {
      'Manila team': { scores: [5, 4, 4, 2, 3, 4], comment: '' },
      'Bangkok team': {
        scores: [4, 5, 3, 4, 4, 2],
        comment: 'Make interpreters available at night too.',
      },
    },
  },
];

/** What the screen shows now, without scrolling: for pages whose columns scroll on their own. */
const view = (page: Page, name: string) =>
  page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });

/** Rates the practice shown in the participant's current form, and saves it. */
async function rate(page: Page, scores: number[], comment: string, self: boolean) {
  const form = page.getByTestId('rating-form');
  const scales = form.getByTestId('score-scale');
  await expect(scales).toHaveCount(scores.length);
  for (const [i, score] of scores.entries())
    await scales
      .nth(i)
      .getByRole('radio', { name: String(score), exact: true })
      .check();
  if (comment) await form.getByLabel(self ? 'Note (optional)' : 'Comment (optional)').fill(comment);
  await form.getByRole('button', { name: self ? 'Save self-assessment' : 'Save rating' }).click();
  await expect(form.getByTestId('rating-status')).toContainText('Saved');
}

test('three city groups write up, rate and compare their practices', async ({
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(360_000);
  const created = await (
    await request.post('/api/workshops', {
      data: { title: 'Peer exchange on city practices', template: 'blank' },
    })
  ).json();
  const people = [];
  for (const c of CITIES)
    people.push(
      await (
        await request.post('/api/join', {
          data: { joinCode: created.joinCode, name: c.person, country: c.country },
        })
      ).json(),
    );
  const f = await facilitatorSocket(baseURL!, created.id, created.facilitatorKey);
  for (const [i, c] of CITIES.entries()) {
    const g = await f.send('group.create', { name: c.group });
    await f.send('group.assign', { participantId: people[i].participantId, groupId: g.groupId });
  }

  // The facilitator launches the practice write-up from the console.
  const fac = await pageAt(browser, LAPTOP);
  await fac.goto(`/w/${created.id}/facilitate#key=${created.facilitatorKey}`);
  await fac.locator('#ex-kind').selectOption('practice');
  await fac.locator('#ex-title').fill('Practice write-up');
  await fac.getByRole('button', { name: 'Launch in every group' }).click();
  const panel = fac.locator('#review');
  await expect(panel.getByRole('heading', { name: 'Practice write-up' })).toBeVisible();

  // Each group writes up its practice, from its own browser.
  const pages: Page[] = [];
  for (const [i, c] of CITIES.entries()) {
    const page = await participantPage(
      browser,
      i === 0 ? PHONE : LAPTOP,
      created.id,
      people[i].token,
    );
    pages.push(page);
    await openOur(page, created.id, 'Practice write-up');
    await page.getByLabel('Name of the practice').fill(c.practice.name);
    await page.getByLabel('Problem').fill(c.practice.problem);
    await page.getByLabel('What was done').fill(c.practice.action);
    await page.getByLabel('Results').fill(c.practice.results);
    await expect(page.getByTestId('practice-progress')).toContainText('4 of 8 sections');
    await expect(page.getByTestId('doc-saved')).toHaveText('All changes saved');
    if (i === 0) {
      await checkA11y(page, 'practice write-up on a phone');
      await shot(page, 'review-writeup-phone');
    }
  }

  // The gallery: a practice card per group on the projector.
  const screen = await pageAt(browser, PROJECTOR);
  await screen.goto(`/w/${created.id}/screen#key=${created.screenKey}`);
  await expect(screen.getByTestId('workshop-title')).toHaveText('Peer exchange on city practices');
  const gallery = fac.getByTestId('screen-controls');
  await gallery
    .getByRole('listitem')
    .filter({ hasText: 'Practice write-up' })
    .getByRole('button', { name: 'Show all groups' })
    .click();
  const tiles = screen.getByTestId('projected-tile');
  await expect(tiles).toHaveCount(3);
  for (const c of CITIES)
    await expect(tiles.filter({ hasText: c.group })).toContainText(c.practice.name);
  await expect(tiles.first()).toContainText('4 of 8 sections written');
  await checkA11y(screen, 'projected practice cards');
  await shot(screen, 'review-practices-projector');

  // The facilitator opens peer review with the default criteria, each participant rating.
  await panel.getByRole('button', { name: 'Set up peer review' }).click();
  await expect(panel.getByRole('checkbox')).toHaveCount(6);
  await checkA11y(fac, 'peer review set-up form');
  await panel.getByRole('button', { name: /Open peer review \(6 criteria\)/ }).click();
  await expect(panel.getByTestId('review-state')).toContainText('Open');
  await expect(panel.getByTestId('review-totals')).toHaveText(
    '0 of 3 self-assessments · 0 of 6 peer ratings',
  );

  // Every group assesses itself, then rates the two others, one practice at a time.
  for (const [i, c] of CITIES.entries()) {
    const page = pages[i]!;
    await page.goto(`/w/${created.id}`);
    const review = page.getByTestId('participant-review');
    await expect(review.getByTestId('review-step-title')).toContainText(
      `Your group’s practice: ${c.group}`,
    );
    await expect(review.getByTestId('practice-name')).toHaveText(c.practice.name);
    await rate(page, c.self, '', true);
    for (const other of CITIES.filter((x) => x !== c)) {
      await review.getByRole('button', { name: 'Next practice →' }).click();
      await expect(review.getByTestId('review-step-title')).toContainText(
        `Practice of ${other.group}`,
      );
      // The other group's write-up is readable above the form.
      await expect(review.getByTestId('practice-name')).toHaveText(other.practice.name);
      await expect(review.getByTestId('practice-text')).toContainText(other.practice.problem);
      const { scores, comment } = c.rates[other.group]!;
      await rate(page, scores, comment, false);
    }
    await expect(review.getByTestId('review-progress')).toContainText(
      'You have rated 3 of 3 practices',
    );
    if (i === 0) {
      // Back to the first practice: the saved self-assessment shows as saved.
      await review.getByRole('button', { name: /Manila team \(yours\)/ }).click();
      await expect(review.getByTestId('rating-status')).toContainText('Saved');
      await checkA11y(page, 'rating form on a phone');
      await shot(page, 'review-rating-phone');
    }
  }
  await expect(panel.getByTestId('review-totals')).toHaveText(
    '3 of 3 self-assessments · 6 of 6 peer ratings',
  );

  // The facilitator closes the round: the forms give way to a notice.
  await panel.getByRole('button', { name: 'Close the round' }).click();
  await expect(panel.getByTestId('review-state')).toContainText('Closed');
  await expect(pages[1]!.getByTestId('review-closed')).toBeVisible();
  await expect(pages[1]!.getByTestId('rating-form')).toHaveCount(0);

  // Shared with participants and put on the projector.
  await panel.getByLabel('Show the comparison to participants').check();
  await panel.getByRole('button', { name: 'Show on the projector' }).click();
  await expect(panel.getByRole('button', { name: 'On the projector' })).toBeVisible();

  const projected = screen.getByTestId('projected-review');
  await expect(projected.getByTestId('projected-practice')).toHaveCount(3);
  await expect(projected.getByTestId('projected-borrow')).toContainText(
    'Manila team → 4. Sustainability: learn from Bangkok team',
  );
  await checkA11y(screen, 'projected peer-review comparison');
  await shot(screen, 'review-comparison-projector');

  // The console's comparison, with the table equivalent of a chart.
  const comparison = panel.getByTestId('review-comparison');
  const manila = comparison.getByTestId('review-practice').filter({ hasText: 'Manila team' });
  await manila.getByText('Figures as a table').click();
  const sustainability = manila.getByRole('row', { name: /Sustainability/ });
  // Self 2; peers Ben 3 and Chi 2: average 2.5 (2–3), gap −0.5.
  await expect(sustainability).toHaveText(/Sustainability\s*2\s*2\.5 \(2–3\)\s*2\s*−0\.5/);
  await expect(comparison.getByTestId('review-borrow')).toContainText(
    'Hanoi team rated itself lowest on Effectiveness (2 of 5). Learn from Bangkok team (peers’ average 4.5).',
  );
  await expect(comparison.getByTestId('review-ranking')).toContainText('Partnership');
  await checkA11y(fac, 'console peer-review comparison');
  await panel.getByTestId('review-state').scrollIntoViewIfNeeded();
  await view(fac, 'review-console-laptop');
  await manila.scrollIntoViewIfNeeded();
  await view(fac, 'review-comparison-laptop');
  await comparison.getByTestId('review-ranking').scrollIntoViewIfNeeded();
  await view(fac, 'review-ranking-laptop');

  // Participants see the comparison, their own group first, with the comments.
  const ana = pages[0]!;
  const theirs = ana.getByTestId('participant-review').getByTestId('review-comparison');
  await expect(theirs.getByTestId('review-practice').first()).toContainText(
    'Manila team (your group)',
  );
  await expect(
    theirs.getByTestId('review-practice').filter({ hasText: 'Bangkok team' }),
  ).toContainText('Make interpreters available at night too.');
  await expect(theirs.getByTestId('review-for-us')).toContainText(
    'You rated yourselves lowest on Sustainability (2 of 5). Peers rated Bangkok team highest there (4.5).',
  );
  await checkA11y(ana, 'participant comparison on a phone');
  await shot(ana, 'review-comparison-phone');

  f.socket.close();
});
