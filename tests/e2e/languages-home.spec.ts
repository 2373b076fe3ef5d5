import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { practiceText, vignetteStage } from '@plenary/shared/docs';
import {
  expectNothingOverflows,
  LAPTOP_1366,
  messages,
  pageIn,
  PHONE_390,
} from './languages-support.js';
import { measureReach } from './projector-reach.js';
import {
  checkA11y,
  createBlankWorkshop,
  edit,
  facilitatorSocket,
  joinWorkshop,
  PROJECTOR,
  shot,
} from './support.js';

/** A language's messages, with peer review's, the home and restore pages' and the failures'. */
const said = (locale: string): Record<string, string> => {
  const area = (name: string) =>
    JSON.parse(
      readFileSync(new URL(`../../web/messages/${name}/${locale}.json`, import.meta.url), 'utf8'),
    ) as Record<string, string>;
  return { ...messages(locale), ...area('review'), ...area('home'), ...area('errors') };
};

async function expectLanguage(page: Page, locale: string): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('lang', locale);
}

test('a browser in Thai reads the home page in Thai and joins with a code typed there', async ({
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const th = said('th');
  const title = 'Regional training on victim identification';
  const w = await createBlankWorkshop(request, title);

  const page = await pageIn(browser, PHONE_390, 'th-TH');
  await page.goto('/');
  await expectLanguage(page, 'th');
  await expect(page.getByRole('heading', { name: th.home_join_heading })).toBeVisible();
  await expect(page.getByRole('heading', { name: th.home_create_heading })).toBeVisible();
  await expect(page.getByRole('combobox', { name: th.language_menu_label })).toHaveValue('th');
  await expect(page.getByRole('link', { name: th.home_restore_link })).toBeVisible();

  // A mistyped code is said in Thai beside the field.
  const code = page.getByLabel(th.home_code_label!);
  await code.fill('K7M2Q!');
  await page.getByRole('button', { name: th.home_code_submit, exact: true }).click();
  await expect(page.locator('#home-join-code-error')).toHaveText(th.home_code_invalid!);
  await expect(code).toBeFocused();
  await checkA11y(page, 'home page in Thai');
  await expectNothingOverflows(page);
  await shot(page, 'languages-home-th-390');

  // The right code leads to the join page, in Thai too; the join form's own errors as well.
  await code.fill(w.joinCode.toLowerCase());
  await page.getByRole('button', { name: th.home_code_submit, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/join/${w.joinCode}$`));
  await expect(page.getByTestId('workshop-title')).toContainText(title);
  await page.getByLabel(th.join_name_label!).fill('Somchai');
  await page.getByRole('button', { name: th.join_submit }).click();
  await expect(page.locator('#join-country-error')).toHaveText(th.error_country_choose!);
  await page.getByLabel(th.country_label!).fill('Thailand');
  await page.getByRole('button', { name: th.join_submit }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${w.id}$`));
  await expectLanguage(page, 'th');

  // Removed by the facilitator: the end of the connection is said in Thai.
  const res = await request.get(`/api/workshops/${w.id}`, {
    headers: { authorization: `Bearer ${w.facilitatorKey}` },
  });
  const { participants } = (await res.json()) as { participants: { id: string }[] };
  const f = await facilitatorSocket(baseURL!, w.id, w.facilitatorKey);
  await f.send('participant.remove', { participantId: participants[0]!.id });
  await expect(page.getByTestId('ended')).toContainText(th.ended_removed_heading!);
  await expect(page.getByTestId('ended').getByRole('link')).toHaveText(th.ended_go_home!);
  f.socket.disconnect();
  await page.context().close();
});

test('a browser in Korean without scripts gets the create, join and restore forms’ errors in Korean', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const ko = said('ko');
  const context = await browser.newContext({
    javaScriptEnabled: false,
    viewport: PHONE_390,
    locale: 'ko-KR',
  });
  const page = await context.newPage();
  await page.goto('/');
  await expectLanguage(page, 'ko');

  // Posted without a title, and with the last day before the first: one mistake at a time,
  // each said by the server in Korean beside its field, with what was typed kept.
  const create = page.getByRole('button', { name: ko.home_create_submit });
  await page.getByLabel(ko.home_venue_label!).fill('Jeju training centre');
  await page.getByLabel(ko.home_starts_label!).fill('2026-11-27');
  await page.getByLabel(ko.home_ends_label!).fill('2026-11-23');
  await create.click();
  await expect(page.locator('#create-title-error')).toHaveText(ko.home_error_title_required!);
  await expect(page.getByLabel(ko.home_venue_label!)).toHaveValue('Jeju training centre');
  await shot(page, 'languages-home-ko-create-error-no-scripts-390');
  await page.getByLabel(ko.home_title_label!).fill('Regional training');
  await create.click();
  await expect(page.locator('#create-ends-error')).toHaveText(ko.home_error_dates_order!);
  await page.getByLabel(ko.home_ends_label!).fill('2026-11-28');
  await create.click();
  await expect(page).toHaveURL(/\/w\/\w+\/facilitate#key=/);

  // A code no workshop has: the server's answer (not_found), chosen by its code, in Korean.
  await page.goto('/join/K7M2QX');
  await page.getByLabel(ko.join_name_label!).fill('Kim Minji');
  await page.getByLabel(ko.country_label!).fill('Republic of Korea');
  await page.getByRole('button', { name: ko.join_submit }).click();
  await expect(page.locator('#join-code-error')).toHaveText(ko.error_join_not_found!);

  // The restore page, posted without a file.
  await page.goto('/restore');
  await expectLanguage(page, 'ko');
  await page.getByRole('button', { name: ko.restore_submit }).click();
  await expect(page.locator('#restore-error')).toHaveText(ko.restore_choose_file!);
  await shot(page, 'languages-restore-ko-no-scripts-390');
  await context.close();

  // With scripts, the same checks in the page say the same; axe reads the page at 1366 px.
  const laptop = await pageIn(browser, LAPTOP_1366, 'ko-KR');
  await laptop.goto('/');
  await laptop.getByRole('button', { name: ko.home_create_submit }).click();
  await expect(laptop.locator('#create-title-error')).toHaveText(ko.home_error_title_required!);
  await checkA11y(laptop, 'home page in Korean with an error');
  await expectNothingOverflows(laptop);
  await shot(laptop, 'languages-home-ko-1366');
  await laptop.goto('/no-such-page');
  await expect(laptop.getByRole('heading', { level: 1 })).toHaveText(ko.error_page_not_found!);
  await checkA11y(laptop, 'error page in Korean');
  await laptop.context().close();
});

const STAGE_1 = 'Mira, 24, answered an online advert for hotel work abroad.';
const STAGE_2 =
  'At the hotel she works 14 hours a day and is told she owes the agency 3,000 euros.';
const DOCUMENTS = 'Documents were taken during recruitment or travel';
const REFERRAL = 'The labour inspectorate and a shelter run by an NGO.';

test('the projector shows a group’s case vignette and practice in Korean and English', async ({
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const ko = said('ko');
  const en = said('en');
  const w = await createBlankWorkshop(request, 'Case day');
  const f = await facilitatorSocket(baseURL!, w.id, w.facilitatorKey);
  await f.send('workshop.update', { projectorLanguages: ['ko', 'en'] });
  const p = await joinWorkshop(request, w.joinCode, 'Dara Sok', 'KH');
  const { groupId } = await f.send('group.create', { name: 'Team Mekong' });
  await f.send('group.assign', { participantId: p.participantId, groupId });
  const { exerciseId } = await f.send('exercise.launch', {
    title: 'Mira’s case',
    kind: 'vignette',
    template: 'identification-adult',
    stages: [STAGE_1, STAGE_2],
  });
  await f.send('exercise.launch', { title: 'Practice write-up', kind: 'practice' });
  await f.send('vignette.show', { exerciseId, stagesShown: 2 });
  await expect.poll(() => f.session().artifacts.length).toBe(2);
  const artifactOf = (kind: string) => f.session().artifacts.find((a) => a.kind === kind)!;
  // The group's answers to the second stage, once the server has made its place.
  await expect(async () => {
    let answered = false;
    await edit(baseURL!, w.id, artifactOf('vignette').id, w.facilitatorKey, (doc) => {
      const stage = vignetteStage(doc, 1);
      if (!stage) return;
      stage.ticked.set(DOCUMENTS, true);
      stage.referral.insert(0, REFERRAL);
      answered = true;
    });
    expect(answered).toBe(true);
  }).toPass();
  await edit(baseURL!, w.id, artifactOf('practice').id, w.facilitatorKey, (doc) => {
    practiceText(doc, 'name').insert(0, 'One-stop desk');
    practiceText(doc, 'problem').insert(0, 'Victims told their story five times.');
    practiceText(doc, 'action').insert(
      0,
      'One desk where police, labour and social workers meet each person.',
    );
  });

  await f.send('screen.show', {
    target: { kind: 'artifact', artifactId: artifactOf('vignette').id },
  });
  const screen = await pageIn(browser, PROJECTOR, 'en-US');
  await screen.goto(`/w/${w.id}/screen#key=${w.screenKey}`);
  await expectLanguage(screen, 'ko');
  const vignette = screen.getByTestId('projected-vignette');
  await expect(vignette.getByTestId('stage-text')).toHaveText(STAGE_2);
  const heading = vignette.getByRole('heading', { level: 2 });
  await expect(heading.locator('span[lang="ko"]')).toHaveText(
    ko.vignette_stage!.replace('{number}', '2'),
  );
  await expect(heading.locator('span[lang="en"]')).toHaveText('Stage 2');
  await expect(
    vignette.locator('span[lang="ko"]', { hasText: ko.vignette_referral! }),
  ).toBeVisible();
  await expect(
    vignette.locator('span[lang="en"]', { hasText: en.vignette_referral! }),
  ).toBeVisible();
  await expect(vignette).toContainText(DOCUMENTS);
  await expect(vignette).toContainText(REFERRAL);
  expect(await measureReach(screen)).toEqual({ small: [], outside: [] });
  await checkA11y(screen, 'projected vignette in Korean and English');
  await shot(screen, 'languages-projector-vignette-ko-en-1920');

  await f.send('screen.show', {
    target: { kind: 'artifact', artifactId: artifactOf('practice').id },
  });
  const practice = screen.getByTestId('projected-practice');
  await expect(practice.getByTestId('practice-name')).toHaveText('One-stop desk');
  await expect(
    practice.locator('dt span[lang="ko"]', { hasText: ko.practice_problem! }),
  ).toBeVisible();
  await expect(
    practice.locator('dt span[lang="en"]', { hasText: en.practice_problem! }),
  ).toBeVisible();
  await expect(
    practice.locator('span[lang="ko"]', { hasText: ko.rv_not_written! }).first(),
  ).toBeVisible();
  expect(await measureReach(screen)).toEqual({ small: [], outside: [] });
  await checkA11y(screen, 'projected practice in Korean and English');
  await shot(screen, 'languages-projector-practice-ko-en-1920');
  f.socket.disconnect();
  await screen.context().close();
});

test('a restore tells a browser in Korean what it changed, in Korean', async ({
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const ko = said('ko');
  // A backup taken while an anonymous poll was open: the restore closes it, and says so.
  const created = await createBlankWorkshop(request, 'Invented regional workshop');
  const fac = await facilitatorSocket(baseURL!, created.id, created.facilitatorKey);
  const { pollId } = await fac.send('poll.create', {
    kind: 'single',
    question: 'Who refers a presumed victim first?',
    options: [{ label: 'Police' }, { label: 'Social worker' }],
  });
  await fac.send('poll.setState', { pollId: pollId!, state: 'open' });
  fac.socket.close();
  const exported = await request.get(`/api/workshops/${created.id}/export.json`, {
    headers: { authorization: `Bearer ${created.facilitatorKey}` },
  });
  expect(exported.ok()).toBe(true);

  const page = await pageIn(browser, PHONE_390, 'ko-KR');
  await page.goto('/restore');
  await expectLanguage(page, 'ko');
  await page.getByLabel(ko.restore_file_label!).setInputFiles({
    name: 'backup.json',
    mimeType: 'application/json',
    buffer: await exported.body(),
  });
  await page.getByRole('button', { name: ko.restore_submit }).click();
  await expect(page.getByTestId('restored')).toBeVisible();
  await expect(page.getByTestId('restore-note')).toHaveText(
    ko.restore_note_polls_closed!.replace('{count}', '1'),
  );
  await expectNothingOverflows(page, page.getByTestId('restored'));
  await checkA11y(page, 'restored, in Korean');
  await shot(page, 'languages-restored-ko-390');
  await page.context().close();
});
