import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import {
  expectNothingOverflows,
  LAPTOP_1366,
  messages,
  pageIn,
  PHONE_390,
} from './languages-support.js';
import {
  checkA11y,
  createBlankWorkshop,
  facilitatorSocket,
  joinWorkshop,
  SCREENSHOT_DIR,
} from './support.js';

/** The budget editor in Thai and Khmer: labels, pillars and amounts in the page's language. */
for (const [locale, browserLocale] of [
  ['th', 'th-TH'],
  ['km', 'km-KH'],
] as const) {
  test(`the budget editor in ${locale} at 390 x 844 and 1366 x 768`, async ({
    browser,
    request,
    baseURL,
  }) => {
    test.setTimeout(180_000);
    const t = messages(locale);
    const w = await createBlankWorkshop(request, 'Budgeting day');
    const p = await joinWorkshop(request, w.joinCode, 'Dara Sok', 'KH');
    const f = await facilitatorSocket(baseURL!, w.id, w.facilitatorKey);
    const { groupId } = await f.send('group.create', { name: 'Team Mekong' });
    await f.send('group.assign', { participantId: p.participantId, groupId });
    await f.send('exercise.launch', {
      title: 'Our budget',
      kind: 'budget',
      budget: { envelope: 100_000, currency: 'USD', shares: { monitoring: { min: 5, max: 15 } } },
    });
    await expect.poll(() => f.session().artifacts.length).toBe(1);
    const artifactId = f.session().artifacts[0]!.id;

    for (const [viewport, name] of [
      [PHONE_390, '390'],
      [LAPTOP_1366, '1366'],
    ] as const) {
      const page = await pageIn(browser, viewport, browserLocale);
      await page.goto('/');
      await page.evaluate(
        ([id, token]) => localStorage.setItem(`plenary:participant:${id}`, token!),
        [w.id, p.token],
      );
      await page.goto(`/w/${w.id}/group/${artifactId}`);
      await expect(page.getByTestId('doc-status')).toHaveAttribute('data-status', 'connected');
      await expect(page.locator('html')).toHaveAttribute('lang', locale);
      await expect(
        page.getByRole('heading', { name: t.budget_heading, exact: true }),
      ).toBeVisible();
      if (name === '390') {
        await page.getByRole('button', { name: t.budget_add }).click();
        const line = page.getByTestId('budget-line').first();
        await line.getByLabel(t.budget_pillar!, { exact: true }).selectOption('protection');
        await line.getByLabel(t.budget_amount_in!.replace('{currency}', 'USD')).fill('-5');
        await line.getByLabel(t.budget_amount_in!.replace('{currency}', 'USD')).press('Tab');
        await expect(line.getByRole('alert')).toContainText(
          t.budget_amount_negative!.split(' ')[0]!,
        );
        await line.getByLabel(t.budget_amount_in!.replace('{currency}', 'USD')).fill('40000');
        await line.getByLabel(t.budget_amount_in!.replace('{currency}', 'USD')).press('Tab');
      }
      // Amounts through the browser's Intl in the page's language (after the ✓ icon).
      const left = await page.evaluate(
        (l) =>
          new Intl.NumberFormat(l, {
            style: 'currency',
            currency: 'USD',
            maximumFractionDigits: 0,
          }).format(60_000),
        locale,
      );
      await expect(page.getByTestId('budget-standing')).toContainText(
        t.budget_left!.replace('{amount}', left),
      );
      await expect(page.getByTestId('budget-pillars')).toContainText(t.budget_pillar_protection!);
      await expect(page.getByTestId('budget-line')).toContainText(t.budget_needs_justification!);
      await expectNothingOverflows(page);
      await checkA11y(page, `budget in ${locale} at ${name}`);
      await page.screenshot({
        path: join(SCREENSHOT_DIR, `languages-budget-${locale}-${name}.png`),
        fullPage: true,
      });
      await page.context().close();
    }
    f.socket.close();
  });
}
