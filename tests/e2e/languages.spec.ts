import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { checkA11y, createBlankWorkshop, facilitatorSocket, shot } from './support.js';

const read = (path: string): Record<string, string> =>
  JSON.parse(
    readFileSync(new URL(`../../web/messages/${path}`, import.meta.url), 'utf8'),
  ) as Record<string, string>;
/** The messages the participant screens show in one language, as the translators wrote them. */
const messages = (locale: string) => ({
  ...read(`${locale}.json`),
  ...read(`participant/${locale}.json`),
});

const PHONE_390 = { width: 390, height: 844 };
const BROWSERS = [
  { browserLocale: 'ko-KR', locale: 'ko', name: '한국어' },
  { browserLocale: 'th-TH', locale: 'th', name: 'ไทย' },
  { browserLocale: 'km-KH', locale: 'km', name: 'ភាសាខ្មែរ' },
  { browserLocale: 'vi-VN', locale: 'vi', name: 'Tiếng Việt' },
  { browserLocale: 'id-ID', locale: 'id', name: 'Bahasa Indonesia' },
  { browserLocale: 'zh-CN', locale: 'zh-Hans', name: '简体中文' },
] as const;

/** No button is wider than its box or the screen: long translations wrap instead. */
async function expectButtonsFit(page: Page): Promise<void> {
  const overflowing = await page.locator('button:visible, .btn:visible').evaluateAll((els) =>
    els
      .filter((el) => {
        const box = el.getBoundingClientRect();
        return el.scrollWidth > el.clientWidth + 1 || box.right > window.innerWidth + 1;
      })
      .map((el) => el.textContent?.trim()),
  );
  expect(overflowing).toEqual([]);
}

for (const { browserLocale, locale, name } of BROWSERS) {
  test(`a participant whose browser is in ${name} joins, votes and switches language`, async ({
    browser,
    request,
    baseURL,
  }) => {
    // Three axe runs, the details form and the page in two languages: slow on a busy 2-core
    // machine (180 s ran out once at load 20 to 36; the steps wait for states, not for time).
    test.setTimeout(240_000);
    const t = messages(locale);
    const en = messages('en');
    const others = BROWSERS.filter((b) => b.locale !== locale).map((b) => messages(b.locale));
    const workshop = await createBlankWorkshop(request, 'Victim identification');
    const f = await facilitatorSocket(baseURL!, workshop.id, workshop.facilitatorKey);

    const context = await browser.newContext({ viewport: PHONE_390, locale: browserLocale });
    const page = await context.newPage();
    const scripts: Promise<string>[] = [];
    page.on('response', (res) => {
      if (res.request().resourceType() === 'script') scripts.push(res.text().catch(() => ''));
    });

    // The join page speaks the browser's language, and says so to screen readers.
    await page.goto(`/join/${workshop.joinCode}`);
    await expect(page.locator('html')).toHaveAttribute('lang', locale);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.join_title!);
    await page.getByLabel(t.join_name_label!).fill('Sokha');
    await page.getByLabel(t.country_label!).fill('Cambodia');
    await expectButtonsFit(page);
    await checkA11y(page, `join page in ${name}`);
    await shot(page, `languages-join-${locale}`);
    await page.getByRole('button', { name: t.join_submit }).click();

    // The participant page too, with the language menu naming each language in itself.
    await expect(page).toHaveURL(new RegExp(`/w/${workshop.id}$`));
    await expect(page.locator('html')).toHaveAttribute('lang', locale);
    await expect(page.getByTestId('current-activity')).toContainText(t.current_waiting!);
    const menu = page.getByLabel(t.language_menu_label!);
    await expect(menu.locator('option:checked')).toHaveText(name);

    // The facilitator opens a poll; the participant votes with the form in their language.
    const { pollId } = await f.send('poll.create', {
      kind: 'single',
      question: 'Who refers most victims?',
      options: [{ label: 'Police' }, { label: 'Labour inspectors' }, { label: 'NGOs' }],
    });
    await f.send('poll.setState', { pollId, state: 'open' });
    const poll = page.getByTestId('participant-poll');
    await poll.getByLabel('Labour inspectors').check();
    await poll.getByRole('button', { name: t.vote_send_vote }).click();
    await expect(poll.getByTestId('vote-received')).toHaveText(t.vote_vote_received!);
    // The bars a voter sees once they have answered speak their language too, and so does
    // the form for correcting one's own details.
    await expect(poll.getByTestId('poll-results')).toContainText(t.results_your_answer!);
    await page.getByText(t.me_details_title!, { exact: true }).click();
    await expect(page.getByLabel(t.join_city_label!)).toBeVisible();
    await expect(page.getByRole('button', { name: t.me_details_save })).toBeVisible();
    await expectButtonsFit(page);
    await checkA11y(page, `participant page in ${name}`);
    await shot(page, `languages-participant-${locale}`);

    // Only this language's messages came: no other translation is in any script loaded.
    const loaded = (await Promise.all(scripts)).join('\n');
    expect(loaded).toContain(t.vote_vote_received!);
    for (const other of others) expect(loaded).not.toContain(other.vote_vote_received!);

    // Switching to English changes the page at once and is remembered on this device.
    await page.getByLabel(t.language_menu_label!).selectOption('en');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(poll.getByTestId('vote-received')).toHaveText(en.vote_vote_received!);
    await checkA11y(page, `participant page switched from ${name} to English`);
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByTestId('participant-poll').getByTestId('vote-received')).toHaveText(
      en.vote_vote_received!,
    );
    f.socket.close();
    await context.close();
  });
}
