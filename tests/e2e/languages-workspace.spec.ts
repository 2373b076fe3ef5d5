// The group workspace's editors in other languages, at a phone's and a laptop's size.
import { expect, test } from '@playwright/test';
import {
  checkAndShoot,
  LAPTOP_1366,
  messages,
  oneGroupExercise,
  PHONE_390,
} from './languages-support.js';

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
    const group = await oneGroupExercise(request, baseURL!, {
      title: 'Our budget',
      kind: 'budget',
      budget: { envelope: 100_000, currency: 'USD', shares: { monitoring: { min: 5, max: 15 } } },
    });

    for (const [viewport, name] of [
      [PHONE_390, '390'],
      [LAPTOP_1366, '1366'],
    ] as const) {
      const page = await group.open(browser, viewport, browserLocale);
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
      await checkAndShoot(page, `languages-budget-${locale}-${name}`);
    }
    group.close();
  });
}

/** The referral map's forms, sectors and gap analysis in Thai and Korean. */
for (const [locale, browserLocale] of [
  ['th', 'th-TH'],
  ['ko', 'ko-KR'],
] as const) {
  test(`the referral map in ${locale} at 390 x 844 and 1366 x 768`, async ({
    browser,
    request,
    baseURL,
  }) => {
    test.setTimeout(180_000);
    const t = messages(locale);
    const group = await oneGroupExercise(request, baseURL!, {
      title: 'Our referral map',
      kind: 'map',
    });

    for (const [viewport, name] of [
      [PHONE_390, '390'],
      [LAPTOP_1366, '1366'],
    ] as const) {
      const page = await group.open(browser, viewport, browserLocale);
      await expect(page.getByRole('heading', { name: t.map_heading, exact: true })).toBeVisible();
      const addActor = page.getByRole('form', { name: t.map_add_actor_heading });
      if (name === '390') {
        // An empty name is refused in the page's language; then a shelter is added.
        await addActor.getByRole('button', { name: t.map_add_actor }).click();
        await expect(addActor.getByText(t.map_actor_name_missing!)).toBeVisible();
        await addActor.getByLabel(t.map_field_name!, { exact: true }).fill('Sunrise Shelter');
        await addActor.getByLabel(t.map_field_sector!).selectOption('shelter');
        await addActor.getByRole('button', { name: t.map_add_actor }).click();
      }
      const gaps = page.getByTestId('map-gaps');
      await expect(gaps).toContainText(t.map_path_assistance_none!);
      await expect(page.getByTestId('gaps-missing')).toContainText(t.map_missing_police!);
      await expect(page.getByRole('form', { name: t.map_add_link_heading })).toContainText(
        t.map_add_link_first!,
      );
      await checkAndShoot(page, `languages-map-${locale}-${name}`);
    }
    group.close();
  });
}
