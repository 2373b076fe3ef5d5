import { expect, test } from '@playwright/test';
import {
  COUNTRY_CODES,
  COUNTRY_NAME_STYLES,
  countryName,
  englishCountryName,
} from '@plenary/shared';
import {
  PHONE,
  checkA11y,
  createBlankWorkshop,
  joinWorkshop,
  participantPage,
  shot,
} from './support.js';

test('in a large room, a phone shows who is here by country, and everyone on request', async ({
  browser,
  request,
}) => {
  test.setTimeout(180_000);
  const created = await createBlankWorkshop(request, 'Regional plenary');
  // 22 from Thailand, 16 each from the Philippines and Viet Nam, 10 from Cambodia.
  const country = (n: number) => (n < 22 ? 'TH' : n < 38 ? 'PH' : n < 54 ? 'VN' : 'KH');
  const people = [];
  for (let i = 0; i < 64; i += 16)
    people.push(
      ...(await Promise.all(
        Array.from({ length: 16 }, (_, k) =>
          joinWorkshop(request, created.joinCode, `Invented Delegate ${i + k}`, country(i + k)),
        ),
      )),
    );
  const phone = await participantPage(browser, PHONE, created.id, people[0]!.token);
  await expect(phone.getByTestId('who-count')).toHaveText('64 participants, 1 online');
  const byCountry = phone.getByTestId('who-by-country');
  await expect(byCountry.getByRole('listitem')).toHaveText([
    /Thailand\s+22, 1 online/,
    /Philippines\s+16, 0 online/,
    /Viet Nam\s+16, 0 online/,
    /Cambodia\s+10, 0 online/,
  ]);
  // The names are not drawn until asked for.
  await expect(phone.getByTestId('who-list')).toHaveCount(0);
  await checkA11y(phone, 'who is here, large room');
  await shot(phone, 'who-is-here-large-phone');

  // By keyboard: the summary opens the whole list, online first.
  const summary = phone.getByText('Show everyone (64)');
  await summary.focus();
  await phone.keyboard.press('Enter');
  const list = phone.getByTestId('who-list');
  await expect(list.getByRole('listitem')).toHaveCount(64);
  await expect(list.getByRole('listitem').first()).toContainText('Invented Delegate 0 (you)');
  await checkA11y(phone, 'who is here, everyone shown');
});

test('in a small room, a phone lists everyone by name, online first', async ({
  browser,
  request,
}) => {
  const created = await createBlankWorkshop(request, 'City team meeting');
  const mai = await joinWorkshop(request, created.joinCode, 'Mai Tran', 'VN');
  await joinWorkshop(request, created.joinCode, 'Anan Sukjai', 'TH');
  const phone = await participantPage(browser, PHONE, created.id, mai.token);
  await expect(phone.getByTestId('who-count')).toHaveText('2 participants, 1 online');
  await expect(phone.getByTestId('who-list').getByRole('listitem')).toHaveText([
    /Mai Tran \(you\)\s*Viet Nam\s*Online/,
    /Anan Sukjai\s*Thailand\s*Away/,
  ]);
  await expect(phone.getByTestId('who-by-country')).toHaveCount(0);
});

test('the browser names every country in English as the server does', async ({ page }) => {
  // Phones name countries with their browser's Intl plus the English names that differ from
  // CLDR's, not with the country table; CLDR's English differs a little between engines, so
  // this checks every code, in both styles, with Chromium's Intl against the table.
  const codes = [...COUNTRY_CODES];
  const cldr = await page.evaluate((list) => {
    const en = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
    return list.map((c) => en.of(c));
  }, codes);
  const differ = COUNTRY_NAME_STYLES.flatMap((style) =>
    codes.flatMap((code, i) => {
      const shown = englishCountryName(code, style, cldr[i]);
      return shown === countryName(code, style) ? [] : [`${style} ${code}: ${shown}`];
    }),
  );
  expect(differ).toEqual([]);
});
