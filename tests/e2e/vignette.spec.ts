import { expect, test } from '@playwright/test';
import { join as joinPath } from 'node:path';
import {
  checkA11y,
  SCREENSHOT_DIR,
  shot,
  PHONE,
  LAPTOP,
  pageAt,
  participantPage,
  openOur,
} from './support.js';

const STAGE_1 =
  'Mira, 24, answered an online advert for hotel work abroad.\nThe recruiter kept her passport "for the visa".';
const STAGE_2 =
  'At the hotel she works 14 hours a day and is told she owes the agency 3,000 euros.';
const PROMISED = 'Was promised a job, wage or conditions that turned out to be different';
const DOCUMENTS = 'Documents were taken during recruitment or travel';

test('groups answer a case vignette stage by stage', async ({ browser, request }) => {
  test.setTimeout(180_000);
  const created = await (
    await request.post('/api/workshops', { data: { title: 'Case day', template: 'blank' } })
  ).json();
  const join = async (name: string, country: string) =>
    (
      await request.post('/api/join', { data: { joinCode: created.joinCode, name, country } })
    ).json();
  const ana = await join('Ana Reyes', 'PH');
  const ben = await join('Ben Somchai', 'TH');

  const fac = await pageAt(browser, LAPTOP);
  await fac.goto(`/w/${created.id}/facilitate#key=${created.facilitatorKey}`);
  const groups = fac.getByRole('region', { name: 'Groups' });
  for (const name of ['Team Delta', 'Team Ridge']) {
    await groups.getByLabel('New group name').fill(name);
    await groups.getByRole('button', { name: 'Create group' }).click();
  }
  await expect(groups.getByTestId('group-card')).toHaveCount(2);
  await groups.getByLabel('Group for Ana Reyes').selectOption({ label: 'Team Delta' });
  await groups.getByLabel('Group for Ben Somchai').selectOption({ label: 'Team Ridge' });

  await groups.getByLabel('Title').fill('Mira’s case');
  await groups.getByLabel('Kind').selectOption('vignette');
  await groups.getByLabel('Indicators').selectOption('identification-adult');
  await groups.getByLabel('Stage 1', { exact: true }).fill(STAGE_1);
  await groups.getByRole('button', { name: '+ Add stage' }).click();
  await expect(groups.getByLabel('Stage 2', { exact: true })).toBeFocused();
  await fac.keyboard.type(STAGE_2);
  await groups.getByRole('button', { name: 'Launch in every group' }).click();
  const next = groups.getByRole('button', { name: 'Show next stage (2 of 2)' });
  await expect(next).toBeVisible();

  const a = await participantPage(browser, PHONE, created.id, ana.token);
  const b = await participantPage(browser, LAPTOP, created.id, ben.token);
  await openOur(a, created.id, 'Mira’s case');
  await openOur(b, created.id, 'Mira’s case');
  await expect(a.getByTestId('vignette-stage')).toHaveCount(1);
  await expect(a.getByTestId('stage-text')).toHaveText(STAGE_1);
  await expect(a.getByTestId('vignette-wait')).toBeVisible();

  await a.getByRole('checkbox', { name: PROMISED }).check();
  await a.getByRole('checkbox', { name: DOCUMENTS }).check();
  await a
    .getByLabel('Whom would you refer to, and why?')
    .fill('The national referral hotline: her passport was taken.');
  await b.getByRole('checkbox', { name: DOCUMENTS }).check();
  await b.getByLabel('Whom would you refer to, and why?').fill('Legal aid, for her documents.');
  await a.reload();
  await expect(a.getByRole('checkbox', { name: PROMISED })).toBeChecked();
  await expect(a.getByLabel('Whom would you refer to, and why?')).toHaveValue(
    'The national referral hotline: her passport was taken.',
  );
  await checkA11y(a, 'vignette workspace');
  await shot(a, 'vignette-stage1-phone');

  // The facilitator shows stage 2: both groups see it, stage 1's answers stay.
  await next.click();
  await expect(groups.getByRole('button', { name: 'All 2 stages shown' })).toBeDisabled();
  for (const p of [a, b]) {
    await expect(p.getByTestId('vignette-stage')).toHaveCount(2);
    await expect(p.getByTestId('stage-text').nth(1)).toHaveText(STAGE_2);
    await expect(p.getByTestId('vignette-wait')).toHaveCount(0);
  }
  await expect(a.getByRole('heading', { name: 'Stage 2' })).toBeFocused();
  await a.locator('#stage-1-referral').fill('Labour inspectorate and a shelter.');
  await shot(a, 'vignette-stage2-phone');
  await shot(b, 'vignette-stage2-laptop');

  // Comparison of stage 1: who ticked what, and the referrals.
  await groups.getByRole('button', { name: 'Compare groups' }).click();
  const compare = groups.getByTestId('vignette-compare');
  await compare.getByLabel('Stage', { exact: true }).selectOption({ label: 'Stage 1' });
  const docRow = compare.getByTestId('compare-row').filter({ hasText: DOCUMENTS });
  await expect(docRow).toContainText('2 of 2 groups');
  await expect(docRow.getByText('✓ ticked')).toHaveCount(2);
  const promisedRow = compare.getByTestId('compare-row').filter({ hasText: PROMISED });
  await expect(promisedRow).toContainText('1 of 2 groups');
  await expect(compare.getByTestId('compare-referral')).toHaveCount(2);
  await expect(compare).toContainText('The national referral hotline');
  await expect(compare).toContainText('Legal aid, for her documents.');
  await compare.getByRole('heading', { name: /Compare groups/ }).scrollIntoViewIfNeeded();
  await checkA11y(fac, 'console with vignette comparison');
  await shot(fac, 'vignette-compare-console');
  await compare.screenshot({ path: joinPath(SCREENSHOT_DIR, 'vignette-compare-panel.png') });

  await compare.getByLabel('Stage', { exact: true }).selectOption({ label: 'Stage 2' });
  await expect(compare).toContainText('Labour inspectorate and a shelter.');
  await expect(compare.getByTestId('compare-empty')).toBeVisible();
  await compare.getByRole('button', { name: 'Close comparison' }).click();
  await expect(compare).toHaveCount(0);
});
