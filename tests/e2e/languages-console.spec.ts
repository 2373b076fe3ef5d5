import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { LAPTOP_1366, PHONE_390, expectNothingOverflows, pageIn } from './languages-support.js';
import {
  checkA11y,
  createBlankWorkshop,
  facilitatorSocket,
  joinWorkshop,
  shot,
} from './support.js';

/** The facilitator console in the browser's language (issue 23): agenda, polls, questions, roster. */

type Message = string | { match: Record<string, string> }[];
const read = (path: string): Record<string, Message> =>
  JSON.parse(
    readFileSync(new URL(`../../web/messages/${path}`, import.meta.url), 'utf8'),
  ) as Record<string, Message>;
/** What the console shows in a language: its header and menu, its panels, the shared labels. */
const messages = (locale: string) => ({
  ...read(`${locale}.json`),
  ...read(`participant/${locale}.json`),
  ...read(`console/${locale}.json`),
});

const ko = messages('ko');
/** A message with its inputs filled in (a plural's `other` form: Korean has no other). */
function t(key: string, inputs: Record<string, string | number> = {}): string {
  const message = ko[key];
  if (message === undefined) throw new Error(`no Korean message ${key}`);
  const text =
    typeof message === 'string'
      ? message
      : Object.entries(message[0]!.match).find(([k]) => k.endsWith('=other'))![1];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(inputs[name]));
}

/** Every English sentence of the console's panels that has no input: none may show in Korean. */
const englishSentences = Object.entries(read('console/en.json'))
  .filter(([key, text]) => key !== '$schema' && typeof text === 'string' && !text.includes('{'))
  .map(([, text]) => text as string)
  .filter((text) => text.length >= 12);

async function expectNoEnglish(page: Page): Promise<void> {
  const shown = await page
    .locator('#agenda, #current, #polls, #questions, #roster, .join')
    .evaluateAll((els) => els.map((el) => (el as HTMLElement).innerText).join('\n'));
  expect(englishSentences.filter((english) => shown.includes(english))).toEqual([]);
}

test('a facilitator whose browser is in Korean runs the agenda, polls and roster in Korean', async ({
  browser,
  request,
}) => {
  // Two axe runs and two screen sizes on a loaded 2-core machine.
  test.setTimeout(180_000);
  const workshop = await createBlankWorkshop(request, 'Victim identification, day 1');
  await joinWorkshop(request, workshop.joinCode, 'Minji Kim', 'KR');
  const consoleUrl = `/w/${workshop.id}/facilitate#key=${workshop.facilitatorKey}`;

  const page = await pageIn(browser, LAPTOP_1366, 'ko-KR');
  await page.goto(consoleUrl);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await expect(page.getByTestId('workshop-title')).toHaveText('Victim identification, day 1');

  // Each panel speaks Korean, empty as it starts.
  const agenda = page.locator('#agenda');
  await expect(agenda.getByRole('heading', { level: 2 })).toHaveText(t('console_nav_agenda'));
  await expect(agenda).toContainText(t('console_agenda_empty'));
  await expect(page.locator('#polls')).toContainText(t('console_polls_empty'));
  await expect(page.locator('#questions').getByRole('heading', { level: 2 })).toHaveText(
    t('console_questions_heading'),
  );
  await expect(page.locator('#questions')).toContainText(t('console_questions_empty'));
  await expect(page.getByTestId('current-activity-title')).toHaveText(t('console_current_none'));

  // The roster: a participant who joined and never connected, her country in Korean.
  const roster = page.locator('#roster');
  await expect(roster.getByRole('heading', { level: 2 })).toHaveText(t('console_nav_roster'));
  await expect(page.getByTestId('roster-count')).toHaveText(
    t('console_roster_summary', { joined: 1, online: 0 }),
  );
  const minji = page.getByTestId('roster-entry').filter({ hasText: 'Minji Kim' });
  await expect(minji).toContainText(t('console_away_never'));
  await expect(minji).toContainText('대한민국');
  await expect(
    minji.getByRole('button', { name: t('console_rename_named', { name: 'Minji Kim' }) }),
  ).toBeVisible();

  // A module and an activity, through the forms in Korean; a mistake is said in Korean too.
  await page.getByRole('button', { name: t('console_module_add'), exact: true }).click();
  await expect(agenda).toContainText(t('console_error_module_title_required'));
  await page.getByLabel(t('console_module_new')).fill('1일차: 피해자 식별');
  await page.getByRole('button', { name: t('console_module_add'), exact: true }).click();
  const moduleBlock = page.getByTestId('agenda-module').filter({ hasText: '1일차: 피해자 식별' });
  await expect(moduleBlock).toContainText(t('console_module_meta', { count: 0, minutes: 0 }));
  await moduleBlock
    .getByRole('button', { name: t('console_activity_add_to', { title: '1일차: 피해자 식별' }) })
    .click();
  await moduleBlock.getByLabel(t('console_activity_title_label')).fill('사례 연구');
  await moduleBlock.getByLabel(t('console_activity_kind'), { exact: true }).selectOption({
    label: t('kind_discussion'),
  });
  await moduleBlock.getByLabel(t('console_planned_minutes')).fill('45');
  await moduleBlock.getByRole('button', { name: t('console_activity_add'), exact: true }).click();
  const activity = moduleBlock.getByTestId('agenda-activity');
  await expect(activity).toContainText('사례 연구');
  await expect(activity).toContainText(
    `${t('kind_discussion')} · ${t('console_minutes_planned', { count: 45 })}`,
  );
  await activity
    .getByRole('button', { name: t('console_make_current_named', { title: '사례 연구' }) })
    .click();
  await expect(page.getByTestId('current-activity-title')).toHaveText('사례 연구');
  await expect(page.locator('#current')).toContainText(
    t('console_current_at', { position: 1, total: 1, module: '1일차: 피해자 식별' }),
  );
  await expect(page.getByRole('button', { name: t('console_timer_start') })).toBeVisible();

  // A poll, created in the Korean form, opened from its card.
  const polls = page.locator('#polls');
  await polls.getByRole('button', { name: t('console_poll_new') }).click();
  await polls.getByLabel(t('console_poll_kind')).selectOption({ label: t('pollkind_single') });
  await polls.getByLabel(t('console_poll_question'), { exact: true }).fill('누가 먼저 연계합니까?');
  await polls.getByLabel(t('console_poll_option', { number: 1 }), { exact: true }).fill('경찰');
  await polls.getByLabel(t('console_poll_option', { number: 2 }), { exact: true }).fill('NGO');
  await polls.getByRole('button', { name: t('console_poll_create') }).click();
  const card = page.getByTestId('facilitator-poll').filter({ hasText: '누가 먼저 연계합니까?' });
  await expect(card).toContainText(t('console_poll_state_draft'));
  await expect(card).toContainText(t('console_poll_draft_hint'));
  await card.getByRole('button', { name: t('console_poll_open'), exact: true }).click();
  await expect(card).toContainText(t('console_poll_state_open'));
  await expect(card.getByTestId('poll-voted')).toHaveText(
    t('console_poll_voted', { voters: 0, online: 0 }),
  );

  // The console's one confirmation dialog asks in Korean too, and Cancel keeps the module.
  await moduleBlock
    .getByRole('button', {
      name: t('console_module_delete_named', { title: '1일차: 피해자 식별' }),
    })
    .click();
  const dialog = page.getByRole('dialog', { name: t('console_module_delete_title') });
  await expect(dialog).toContainText(
    t('console_module_delete_message', { title: '1일차: 피해자 식별', count: 1 }),
  );
  await dialog.getByRole('button', { name: t('console_cancel') }).click();
  await expect(dialog).toBeHidden();
  await expect(moduleBlock).toBeVisible();

  await expectNoEnglish(page);
  await expectNothingOverflows(page);
  await checkA11y(page, 'the console in Korean at 1366 × 768');
  await shot(page, 'languages-console-ko-1366');

  // On a phone, the same console in one column: nothing spills out of a button or the screen.
  const phone = await pageIn(browser, PHONE_390, 'ko-KR');
  await phone.goto(consoleUrl);
  await expect(phone.locator('html')).toHaveAttribute('lang', 'ko');
  await expect(phone.getByTestId('current-activity-title')).toHaveText('사례 연구');
  await expect(phone.getByTestId('facilitator-poll')).toContainText(t('console_poll_state_open'));
  await expectNoEnglish(phone);
  await expectNothingOverflows(phone);
  await checkA11y(phone, 'the console in Korean at 390 × 844');
  await shot(phone, 'languages-console-ko-390');
});

test('in Thai and Khmer the console’s longer words stay inside its buttons on a phone', async ({
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const workshop = await createBlankWorkshop(request, 'Victim identification, day 2');
  await joinWorkshop(request, workshop.joinCode, 'Sokha Chan', 'KH');
  const f = await facilitatorSocket(baseURL!, workshop.id, workshop.facilitatorKey);
  const { moduleId } = await f.send('module.add', { title: 'Referral' });
  const { activityId } = await f.send('activity.add', {
    moduleId,
    title: 'Mapping the referral network',
    kind: 'group-work',
    plannedMinutes: 60,
  });
  await f.send('activity.add', { moduleId, title: 'Report back', plannedMinutes: 20 });
  await f.send('activity.setCurrent', { activityId });
  const { pollId } = await f.send('poll.create', {
    kind: 'quiz',
    question: 'Who refers a victim to a shelter?',
    options: [{ label: 'Police', correct: true }, { label: 'Nobody' }],
    checkPhase: 'pre',
  });
  await f.send('poll.setState', { pollId, state: 'open' });
  f.socket.close();

  for (const [browserLocale, locale] of [
    ['th-TH', 'th'],
    ['km-KH', 'km'],
  ] as const) {
    const said = messages(locale);
    const phone = await pageIn(browser, PHONE_390, browserLocale);
    await phone.goto(`/w/${workshop.id}/facilitate#key=${workshop.facilitatorKey}`);
    await expect(phone.locator('html')).toHaveAttribute('lang', locale);
    await expect(phone.getByTestId('facilitator-poll')).toContainText(
      said.console_poll_state_open as string,
    );
    await expect(phone.locator('#agenda')).toContainText(said.console_make_current as string);
    await expectNoEnglish(phone);
    await expectNothingOverflows(phone);
    await shot(phone, `languages-console-${locale}-390`);
    await phone.context().close();
  }
});
