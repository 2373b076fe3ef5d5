import { join as joinPath } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import {
  checkA11y,
  LAPTOP,
  openOur,
  pageAt,
  participantPage,
  PHONE,
  PROJECTOR,
  SCREENSHOT_DIR,
  shot,
} from './support.js';

const TITLE = 'National action budget';

/** The n-th budget line (from 0) on a page. */
const lineOf = (page: Page, n: number) => page.getByTestId('budget-line').nth(n);

test('a group co-edits a budget within the envelope the facilitator set', async ({
  browser,
  request,
}) => {
  test.setTimeout(240_000);
  const created = await (
    await request.post('/api/workshops', { data: { title: 'Budget day', template: 'blank' } })
  ).json();
  const join = async (name: string, country: string) =>
    (
      await request.post('/api/join', { data: { joinCode: created.joinCode, name, country } })
    ).json();
  const ana = await join('Ana Reyes', 'PH');
  const ben = await join('Ben Somchai', 'TH');
  const chan = await join('Chan Dara', 'KH');

  // The facilitator makes two groups and launches a budget of 100,000 USD.
  const fac = await pageAt(browser, LAPTOP);
  await fac.goto(`/w/${created.id}/facilitate#key=${created.facilitatorKey}`);
  const groups = fac.getByRole('region', { name: 'Groups' });
  // One at a time: the name field is cleared when the server confirms a group.
  for (const name of ['Team Mekong', 'Team Andes']) {
    await groups.getByLabel('New group name').fill(name);
    await groups.getByRole('button', { name: 'Create group' }).click();
    await expect(groups.getByRole('listitem', { name })).toBeVisible();
  }
  await expect(groups.getByTestId('group-card')).toHaveCount(2);
  await groups.getByLabel('Group for Ana Reyes').selectOption({ label: 'Team Mekong' });
  await groups.getByLabel('Group for Ben Somchai').selectOption({ label: 'Team Mekong' });
  await groups.getByLabel('Group for Chan Dara').selectOption({ label: 'Team Andes' });

  await groups.getByLabel('Title').fill(TITLE);
  await groups.getByLabel('Kind').selectOption('budget');
  await expect(groups.getByLabel('Currency')).toHaveValue('USD');
  // Without an envelope the form says so beside the field, and nothing is launched.
  await groups.getByRole('button', { name: 'Launch in every group' }).click();
  await expect(groups.getByLabel('Envelope')).toBeFocused();
  await expect(groups.getByText('Set the envelope')).toBeVisible();
  await groups.getByLabel('Envelope').fill('100000');
  await groups.getByLabel('Currency').fill('US');
  await groups.getByLabel('Monitoring and evaluation: minimum share, percent').fill('5');
  await groups.getByLabel('Monitoring and evaluation: maximum share, percent').fill('15');
  await groups.getByRole('button', { name: 'Launch in every group' }).click();
  await expect(groups.getByText('Use a three-letter currency code, like USD')).toBeVisible();
  await expect(groups.getByLabel('Currency')).toBeFocused();
  await fac
    .getByRole('form', { name: 'Launch an exercise' })
    .screenshot({ path: joinPath(SCREENSHOT_DIR, 'budget-launch-form.png') });
  await fac.keyboard.press('End');
  await fac.keyboard.type('D');
  await fac.keyboard.press('Enter');
  await expect(groups.getByTestId('budget-submitted')).toContainText('0 of 2 groups submitted');

  const a = await participantPage(browser, PHONE, created.id, ana.token);
  const b = await participantPage(browser, LAPTOP, created.id, ben.token);
  await openOur(a, created.id, TITLE);
  await openOur(b, created.id, TITLE);
  await expect(a.getByTestId('budget-envelope')).toHaveText('USD 100,000');
  await expect(a.getByTestId('budget-reveal')).toContainText('once every group has submitted');

  // Ana adds a line with the mouse; Ben sees it as she types.
  await a.getByRole('button', { name: 'Add a line' }).click();
  const a1 = lineOf(a, 0);
  await expect(a1.getByLabel('Pillar')).toBeFocused();
  await a1.getByLabel('Pillar').selectOption('protection');
  await a1.getByLabel('Description').fill('Shelter beds for adult survivors');
  await a1.getByLabel('Amount (USD)').fill('40000');
  await a1.getByLabel('Amount (USD)').press('Tab');
  await expect(lineOf(b, 0).getByLabel('Description')).toHaveValue(
    'Shelter beds for adult survivors',
  );
  await expect(lineOf(b, 0).getByLabel('Amount (USD)')).toHaveValue('40000');
  await expect(lineOf(b, 0).getByTestId('unjustified')).toBeVisible();
  await a1.getByLabel('Justification').fill('Most survivors identified are adults');
  await expect(lineOf(b, 0).getByTestId('unjustified')).toHaveCount(0);

  // Ben adds one with the keyboard only.
  await b.getByRole('button', { name: 'Add a line' }).focus();
  await b.keyboard.press('Enter');
  const b2 = lineOf(b, 1);
  await expect(b2.getByLabel('Pillar')).toBeFocused();
  await b2.getByLabel('Pillar').selectOption('prosecution');
  await b.keyboard.press('Tab');
  await b.keyboard.type('Training for judges and prosecutors');
  await b.keyboard.press('Tab');
  await b.keyboard.type('30000');
  await b.keyboard.press('Tab');
  await expect(b2.getByLabel('Justification')).toBeFocused();
  await expect(lineOf(a, 1).getByLabel('Amount (USD)')).toHaveValue('30000');
  await expect(lineOf(a, 1).getByLabel('Pillar')).toHaveValue('prosecution');
  await expect(a.getByTestId('budget-standing')).toHaveText(/USD 30,000 left to allocate/);
  await expect(a.getByTestId('budget-status')).toContainText('1 line needs a justification');
  await expect(a.getByTestId('share-issues')).toContainText(
    'Monitoring and evaluation has 0% of the envelope: below its 5% minimum.',
  );

  // A negative amount is refused where it was typed; the line keeps its amount.
  await b2.getByLabel('Amount (USD)').fill('-500');
  await b2.getByLabel('Amount (USD)').press('Tab');
  await expect(b2.getByText('An amount cannot be negative.')).toBeVisible();
  await expect(b2.getByLabel('Amount (USD)')).toHaveValue('30000');
  await b2.getByLabel('Justification').fill('Few cases reach a verdict');

  // Ana goes over the envelope: both see it at once.
  await a.getByRole('button', { name: 'Add a line' }).click();
  const a3 = lineOf(a, 2);
  await a3.getByLabel('Pillar').selectOption('monitoring');
  await a3.getByLabel('Description').fill('Evaluation of the national referral mechanism');
  await a3.getByLabel('Amount (USD)').fill('45000');
  await a3.getByLabel('Justification').fill('Nobody has measured it yet');
  for (const p of [a, b]) {
    await expect(p.getByTestId('budget-standing')).toHaveText(/Over budget by USD 15,000/);
    await expect(p.getByTestId('budget-standing')).toHaveAttribute('data-over', 'true');
    await expect(p.getByTestId('budget-announce')).toContainText('Over budget by USD 15,000');
    await expect(p.getByTestId('share-issues')).toContainText('above its 15% maximum');
  }
  await expect(b.getByTestId('budget-total')).toHaveText('115,000');
  await checkA11y(a, 'budget on a phone');
  await checkA11y(b, 'budget on a laptop');
  await shot(a, 'budget-over-phone');
  await shot(b, 'budget-over-laptop');
  // The summary stays in view while the lines scroll.
  await a.evaluate(() => window.scrollTo(0, 0));
  await expect(a.getByTestId('budget-status')).toBeInViewport();
  await a.screenshot({ path: joinPath(SCREENSHOT_DIR, 'budget-phone-viewport.png') });

  // The facilitator raises the envelope: the groups see it live.
  await groups.getByRole('button', { name: `Change envelope of ${TITLE}` }).click();
  const settings = groups.getByTestId('budget-settings');
  await settings.getByLabel('Envelope').fill('120000');
  await settings.scrollIntoViewIfNeeded();
  await fac.screenshot({ path: joinPath(SCREENSHOT_DIR, 'budget-console-envelope.png') });
  await settings.getByRole('button', { name: 'Save envelope' }).click();
  await expect(settings.getByText('Saved: groups see it now')).toBeVisible();
  for (const p of [a, b]) {
    await expect(p.getByTestId('budget-envelope')).toHaveText('USD 120,000');
    await expect(p.getByTestId('envelope-changed')).toHaveText(
      'The facilitator changed the envelope to USD 120,000.',
    );
    await expect(p.getByTestId('budget-standing')).toHaveText(/USD 5,000 left to allocate/);
  }
  await settings.getByRole('button', { name: 'Close' }).click();

  // Team Mekong submits; its budget opens to Team Andes only once Team Andes submits too.
  await a.getByRole('button', { name: 'Submit', exact: true }).click();
  await expect(a.getByTestId('submitted')).toBeVisible();
  const c = await participantPage(browser, LAPTOP, created.id, chan.token);
  await expect(c.getByTestId('my-group')).not.toContainText('Team Mekong:');
  await openOur(c, created.id, TITLE);
  await c.getByRole('button', { name: 'Add a line' }).click();
  await lineOf(c, 0).getByLabel('Pillar').selectOption('prevention');
  await lineOf(c, 0).getByLabel('Description').fill('School awareness sessions');
  await lineOf(c, 0).getByLabel('Amount (USD)').fill('60000');
  await lineOf(c, 0).getByLabel('Justification').fill('Recruiters target school leavers');
  await c.getByRole('button', { name: 'Submit', exact: true }).click();
  await expect(a.getByTestId('budget-reveal')).toHaveText(
    'All groups can now read each other’s budgets.',
  );
  await c.goto(`/w/${created.id}`);
  await c.getByRole('link', { name: `Team Mekong: ${TITLE}` }).click();
  await expect(c.getByTestId('read-only')).toContainText('another group’s work');
  await expect(lineOf(c, 0).getByTestId('line-description')).toHaveText(
    'Shelter beds for adult survivors',
  );
  await expect(c.getByRole('button', { name: 'Add a line' })).toHaveCount(0);

  // The console: each group's summary, and the comparison.
  await expect(groups.getByTestId('group-progress').first()).toContainText(
    '3 lines · 115,000 allocated',
    { timeout: 10_000 },
  );
  await expect(groups.getByTestId('budget-submitted')).toContainText('2 of 2 groups submitted');
  await groups.getByRole('button', { name: `Compare groups on ${TITLE}` }).click();
  const compare = groups.getByTestId('budget-compare-panel');
  await expect(compare.getByTestId('compare-panel')).toHaveCount(5);
  const table = compare.getByTestId('budget-compare-table');
  await expect(table.getByRole('row', { name: /Team Mekong/ })).toContainText('USD 115,000');
  await expect(table.getByRole('row', { name: /Team Andes/ })).toContainText('USD 60,000');
  await compare.scrollIntoViewIfNeeded();
  await checkA11y(fac, 'console with budget comparison');
  await shot(fac, 'budget-console');

  // How the comparison reads at projector size (the projector's gallery will host it): the
  // panel alone, stretched over a 1920x1080 window.
  await fac.setViewportSize(PROJECTOR);
  await compare.evaluate((el) =>
    el.setAttribute('style', 'position: fixed; inset: 0; z-index: 100; overflow: auto'),
  );
  await fac.screenshot({ path: joinPath(SCREENSHOT_DIR, 'budget-compare-projector.png') });
  await compare.evaluate((el) => el.removeAttribute('style'));
  await fac.setViewportSize(LAPTOP);

  // The projector shows a group's budget, read only.
  const screen = await pageAt(browser, PROJECTOR);
  await screen.goto('/');
  await screen.evaluate(
    ([w, k]) => localStorage.setItem(`plenary:screen:${w}`, k!),
    [created.id, created.screenKey],
  );
  await screen.goto(`${new URL(a.url()).pathname}?as=screen`);
  await expect(screen.getByTestId('budget-standing')).toHaveText(/USD 5,000 left to allocate/);
  await checkA11y(screen, 'budget on the projector');
  await shot(screen, 'budget-projector');

  // Locked by the facilitator: the group can read it, not change it.
  await groups.getByRole('button', { name: `Lock ${TITLE} of Team Mekong` }).click();
  await expect(b.getByTestId('read-only')).toContainText('The facilitator locked this document');
  await expect(b.getByRole('button', { name: 'Add a line' })).toHaveCount(0);
  await expect(lineOf(b, 0).getByLabel('Amount (USD)')).toHaveCount(0);
  await expect(lineOf(b, 0).getByTestId('line-amount')).toHaveText('USD 40,000');
});
