// Peer review, the follow-up page and the printable report in a participant's own language, on a
// phone (390 x 844): what they rate, keep after the workshop, and read in the report.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { practiceText } from '@plenary/shared/docs';
import { checkAndShoot, expectNothingOverflows, messages, PHONE_390 } from './languages-support.js';
import { formatDay } from '../../web/src/lib/i18n/intl.js';
import {
  checkA11y,
  createBlankWorkshop,
  edit,
  facilitatorSocket,
  joinWorkshop,
  SCREENSHOT_DIR,
} from './support.js';

/** A language's messages, the review area's (peer review, follow-up, report) included. */
const say = (locale: string): Record<string, string> => ({
  ...messages(locale),
  ...(JSON.parse(
    readFileSync(new URL(`../../web/messages/review/${locale}.json`, import.meta.url), 'utf8'),
  ) as Record<string, string>),
});
const fill = (text: string, values: Record<string, string>) =>
  text.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');

/** Two city groups with a practice each, an action plan, an open review and a due check-in. */
async function reviewDay(request: APIRequestContext, baseURL: string) {
  const w = await createBlankWorkshop(request, 'Languages review day');
  const lan = await joinWorkshop(request, w.joinCode, 'Lan Pham', 'VN');
  const som = await joinWorkshop(request, w.joinCode, 'Somchai K.', 'TH');
  const f = await facilitatorSocket(baseURL, w.id, w.facilitatorKey);
  const { groupId: hanoi } = await f.send('group.create', { name: 'Hanoi team' });
  const { groupId: bangkok } = await f.send('group.create', { name: 'Bangkok team' });
  await f.send('group.assign', { participantId: lan.participantId, groupId: hanoi });
  await f.send('group.assign', { participantId: som.participantId, groupId: bangkok });
  const { exerciseId } = await f.send('exercise.launch', {
    title: 'City practices',
    kind: 'practice',
  });
  await f.send('exercise.launch', { title: 'Action plan', kind: 'action-plan' });
  await expect.poll(() => f.session().artifacts.length).toBe(4);
  for (const [groupId, name] of [
    [hanoi, 'Hotline interpreters at night'],
    [bangkok, 'Joint inspections of fishing boats'],
  ] as const) {
    const practice = f
      .session()
      .artifacts.find((a) => a.kind === 'practice' && a.groupId === groupId)!;
    await edit(baseURL, w.id, practice.id, w.facilitatorKey, (doc) =>
      practiceText(doc, 'name').insert(0, name),
    );
  }
  const { roundId } = await f.send('review.open', {
    exerciseId,
    criteria: [{ label: 'Relevance' }, { label: 'Evidence' }],
  });
  await f.send('checkin.add', { title: '3 months', dueOn: '2026-03-15' });
  return { w, lan, roundId, f };
}

/** A page in a browser set to a language, holding a participant's token, at a phone's size. */
async function phoneOf(
  browser: Browser,
  browserLocale: string,
  workshopId: string,
  token: string,
): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE_390, locale: browserLocale });
  const page = await context.newPage();
  await page.goto('/');
  await page.evaluate(
    ([id, t]) => localStorage.setItem(`plenary:participant:${id}`, t!),
    [workshopId, token],
  );
  return page;
}

for (const [locale, browserLocale] of [
  ['vi', 'vi-VN'],
  ['th', 'th-TH'],
  ['km', 'km-KH'],
] as const) {
  test(`a participant in ${locale} rates a practice, keeps the plan and reads the report`, async ({
    browser,
    request,
    baseURL,
  }) => {
    test.setTimeout(240_000);
    const t = say(locale);
    const { w, lan, roundId, f } = await reviewDay(request, baseURL!);

    // Rating: their group's self-assessment first, then the other city's practice.
    const phone = await phoneOf(browser, browserLocale, w.id, lan.token);
    await phone.goto(`/w/${w.id}`);
    await expect(phone.locator('html')).toHaveAttribute('lang', locale);
    const review = phone.getByTestId('participant-review');
    await expect(review.getByText(t.rv_eyebrow!, { exact: true })).toBeVisible();
    await expect(review.getByTestId('review-step-title')).toContainText(
      fill(t.rv_step_self!, { group: 'Hanoi team' }),
    );
    const form = review.getByTestId('rating-form');
    for (const scale of await form.getByTestId('score-scale').all())
      await scale.getByRole('radio', { name: '3', exact: true }).check();
    await form.getByRole('button', { name: t.rv_save_self }).click();
    await expect(form.getByTestId('rating-status')).toHaveText(t.rv_status_saved!);
    await review.getByRole('button', { name: t.rv_next_label }).click();
    await expect(review.getByTestId('review-step-title')).toContainText(
      fill(t.rv_step_peer!, { group: 'Bangkok team' }),
    );
    await expect(review.getByTestId('practice-name')).toHaveText(
      'Joint inspections of fishing boats',
    );
    for (const scale of await form.getByTestId('score-scale').all())
      await scale.getByRole('radio', { name: '5', exact: true }).check();
    await form.getByLabel(t.rv_comment_label!).fill('Good for our port too.');
    await form.getByRole('button', { name: t.rv_save_rating }).click();
    await expect(form.getByTestId('rating-status')).toHaveText(t.rv_status_saved!);
    await expect(review.getByTestId('review-progress')).toContainText(
      fill(t.rv_progress!, { done: '2', total: '2' }),
    );
    await expectNothingOverflows(phone);
    await checkA11y(phone, `peer review rating in ${locale}`);
    // What the phone shows: the step's heading and the practice, then the scores and Save.
    await review.getByTestId('review-step-title').scrollIntoViewIfNeeded();
    await phone.screenshot({
      path: join(SCREENSHOT_DIR, `languages-review-rate-${locale}-390.png`),
    });
    await form.getByRole('button', { name: t.rv_save_rating }).scrollIntoViewIfNeeded();
    await phone.screenshot({
      path: join(SCREENSHOT_DIR, `languages-review-save-${locale}-390.png`),
    });

    // The comparison, once the facilitator closes the round and shares it.
    await f.send('review.setState', { roundId, state: 'closed' });
    await f.send('review.reveal', { roundId, revealed: true });
    const comparison = review.getByTestId('review-comparison');
    await expect(
      comparison.getByRole('heading', { name: t.rv_practices_heading, exact: true }),
    ).toBeVisible();
    await expect(comparison.getByTestId('review-practice').first()).toContainText(
      fill(t.rv_your_group!, { group: 'Hanoi team' }),
    );
    await expectNothingOverflows(phone);
    await checkA11y(phone, `peer review comparison in ${locale}`);

    // After the workshop: the commitment, the plan and a check-in, all in the language.
    await phone.goto(`/w/${w.id}/followup`);
    await expect(phone.locator('html')).toHaveAttribute('lang', locale);
    await expect(phone.getByRole('heading', { level: 1 })).toHaveText(t.fu_heading!);
    await expect(phone.getByLabel(t.language_menu_label!)).toHaveValue(locale);
    await phone.getByLabel(t.fu_commitment_label!).fill('Train ten hotline staff by March.');
    await phone.getByRole('button', { name: t.fu_commitment_save }).click();
    await expect(phone.getByTestId('commitment-saved')).toHaveText(t.fu_saved!);
    const checkIn = phone.getByTestId('checkin');
    await checkIn.getByLabel(t.fu_note_label!).fill('Two interpreters hired.');
    await checkIn.getByRole('button', { name: t.fu_send_checkin }).click();
    await expect(checkIn.getByTestId('checkin-answered')).toContainText('Lan Pham');
    await expect(checkIn.getByTestId('checkin-answered')).not.toContainText('Answered by');
    // Its date with the month named in the language (CLDR's, as Node's full ICU writes it; in
    // Khmer, Debian's Chromium has no calendar data and the page names the month itself).
    await expect(checkIn).toContainText(
      fill(t.fu_due_since!, { date: formatDay(locale, '2026-03-15') }),
    );
    await checkAndShoot(phone, `languages-followup-${locale}-390`);

    // The printable report, opened in a browser in the same language.
    const context = await browser.newContext({ viewport: PHONE_390, locale: browserLocale });
    const report = await context.newPage();
    await report.goto(`/w/${w.id}/report#key=${w.facilitatorKey}`);
    await expect(report.locator('html')).toHaveAttribute('lang', locale);
    await expect(report.getByText(t.rp_kicker!, { exact: true })).toBeVisible();
    for (const heading of [
      t.rp_agenda_heading,
      t.rp_groups_heading,
      t.rv_eyebrow,
      t.rp_commitments_heading,
      t.rp_follow_up_heading,
    ])
      await expect(
        report.getByRole('heading', { level: 2, name: heading, exact: true }),
      ).toBeVisible();
    await expect(report.getByTestId('report-commitments')).toContainText(
      'Train ten hotline staff by March.',
    );
    await expect(report.getByTestId('report-review')).toContainText(t.rp_mode_participant!);
    await report.screenshot({
      path: join(SCREENSHOT_DIR, `languages-report-top-${locale}-390.png`),
    });
    await checkAndShoot(report, `languages-report-${locale}-390`);
    f.socket.close();
  });
}

test('the follow-up page switches language from its menu, and keeps the choice', async ({
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const { w, lan, f } = await reviewDay(request, baseURL!);
  const phone = await phoneOf(browser, 'en-GB', w.id, lan.token);
  await phone.goto(`/w/${w.id}/followup`);
  await expect(phone.getByRole('heading', { level: 1 })).toHaveText('After the workshop');
  await phone.getByLabel('Language').selectOption('th');
  await expect(phone.getByRole('heading', { level: 1 })).toHaveText(say('th').fu_heading!);
  await expect(phone.locator('html')).toHaveAttribute('lang', 'th');
  await phone.reload();
  await expect(phone.getByRole('heading', { level: 1 })).toHaveText(say('th').fu_heading!);
  await phone.context().close();
  f.socket.close();
});
