import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { checkA11y, shot, PHONE, LAPTOP, pageAt, participantPage, openOur } from './support.js';

const EXTRA_DIR = process.env.GROUP_SHOTS_DIR;

async function snap(page: Page, name: string): Promise<void> {
  await shot(page, name);
  if (EXTRA_DIR) {
    mkdirSync(EXTRA_DIR, { recursive: true });
    await page.screenshot({ path: `${EXTRA_DIR}/${name}.png`, fullPage: true });
  }
}

test('groups co-edit a checklist and an action plan live', async ({ browser, request }) => {
  // Two browsers and the console, axe and screenshots: 30 s on a quiet machine, 1.4 to 2 min at
  // load 15 to 20 (120 s ran out once there, mid-step).
  test.setTimeout(240_000);
  const created = await (
    await request.post('/api/workshops', { data: { title: 'Breakout day', template: 'blank' } })
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
  await groups.getByLabel('New group name').fill('Team Mekong');
  await groups.getByRole('button', { name: 'Create group' }).click();
  await expect(groups.getByTestId('group-card')).toHaveCount(1);
  await groups.getByLabel('Group for Ana Reyes').selectOption({ label: 'Team Mekong' });
  await groups.getByLabel('Group for Ben Somchai').selectOption({ label: 'Team Mekong' });
  await expect(groups.getByTestId('group-card').getByTestId('member')).toHaveCount(2);

  await groups.getByLabel('Title').fill('Identification checklist');
  await groups.getByLabel('Kind').selectOption('checklist');
  await groups.getByLabel('Template').selectOption('identification-adult');
  await groups.getByRole('button', { name: 'Launch in every group' }).click();
  await expect(groups.getByTestId('breakout-state')).toHaveText('Breakout is open');

  const a = await participantPage(browser, PHONE, created.id, ana.token);
  const b = await participantPage(browser, LAPTOP, created.id, ben.token);
  await expect(a.getByTestId('my-group')).toContainText('My group: Team Mekong');
  await openOur(a, created.id, 'Identification checklist');
  await openOur(b, created.id, 'Identification checklist');
  await expect(b.getByTestId('presence')).toContainText('Ana Reyes');

  // A ticks an item and adds one; B sees both.
  const first = /^Observed: Was promised a job/;
  await a.getByRole('checkbox', { name: first }).check();
  await expect(b.getByRole('checkbox', { name: first })).toBeChecked();
  await expect(b.getByText('Checked by Ana Reyes')).toBeVisible();
  await a.getByRole('button', { name: 'Add an item to “Recruitment by deception”' }).click();
  await a.keyboard.type('Passport held by the employer');
  const newId = await a.evaluate(() => document.activeElement?.id ?? '');
  expect(newId).toMatch(/-text$/);
  // Only the one who edits the wording has it in a field; the others read it as text.
  await expect(b.locator(`[id="${newId}"]`)).toHaveText('Passport held by the employer');
  await expect(fac.getByTestId('group-progress').first()).toContainText(/1 of \d+ done/, {
    timeout: 10_000,
  });
  await checkA11y(a, 'checklist workspace');
  await snap(a, 'group-checklist-phone');
  await snap(b, 'group-checklist-laptop');

  // An action plan: both edit one objective and see each other's text.
  await groups.getByLabel('Title').fill('Action plan');
  await groups.getByLabel('Kind').selectOption('action-plan');
  await groups.getByRole('button', { name: 'Launch in every group' }).click();
  await openOur(a, created.id, 'Action plan');
  await openOur(b, created.id, 'Action plan');
  await a.getByRole('button', { name: 'Add an objective' }).click();
  await a.keyboard.type('Train 40 labour inspectors on indicators');
  await expect(b.getByLabel('Specific action')).toHaveValue(
    'Train 40 labour inspectors on indicators',
  );
  await b.getByLabel('Indicator').fill('Inspectors trained');
  await expect(a.getByLabel('Indicator')).toHaveValue('Inspectors trained');
  await expect(a.getByText('Measurable: missing')).toBeVisible();
  await checkA11y(b, 'action plan workspace');
  await snap(a, 'group-plan-phone');
  await snap(b, 'group-plan-laptop');
  await snap(fac, 'group-facilitator-panel');
});
