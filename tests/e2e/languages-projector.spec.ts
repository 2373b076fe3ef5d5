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
  PROJECTOR,
  SCREENSHOT_DIR,
  shot,
} from './support.js';

/** The messages of one language, as the translators wrote them (web/messages/<locale>.json). */
test('the console in Korean sets the projector to Thai and English, and the projector shows both', async ({
  browser,
  request,
}) => {
  test.setTimeout(360_000);
  const ko = messages('ko');
  const th = messages('th');
  const en = messages('en');
  const w = await createBlankWorkshop(request, 'Regional training on victim identification');

  // A browser in Korean: the console is in Korean, and its header offers the other languages.
  const console_ = await pageIn(browser, LAPTOP_1366, 'ko-KR');
  await console_.goto(`/w/${w.id}/facilitate#key=${w.facilitatorKey}`);
  await expect(console_.locator('html')).toHaveAttribute('lang', 'ko');
  await expect(console_.getByRole('navigation', { name: ko.console_nav })).toContainText(
    ko.console_nav_agenda!,
  );
  await expect(console_.getByRole('combobox', { name: ko.language_menu_label })).toHaveValue('ko');
  await console_.getByText(ko.console_settings!, { exact: true }).click();
  await console_
    .getByLabel(ko.console_settings_projector_language!, { exact: true })
    .selectOption('th');
  await console_.getByLabel(ko.console_settings_projector_second!).selectOption('en');
  await console_.getByRole('button', { name: ko.console_settings_save }).click();
  await expect(
    console_.getByRole('status').filter({ hasText: ko.console_settings_saved! }),
  ).toBeVisible();
  await checkA11y(console_, 'console in Korean');
  await shot(console_, 'languages-console-ko-1366');

  // The projector, in a browser set to English, follows the workshop: Thai first, English beside.
  const screen = await pageIn(browser, PROJECTOR, 'en-US');
  await screen.goto(`/w/${w.id}/screen#key=${w.screenKey}`);
  await expect(screen.locator('html')).toHaveAttribute('lang', 'th');
  const aside = screen.getByRole('complementary', { name: th.projector_how_to_join });
  await expect(aside.locator('span[lang="th"]', { hasText: th.projector_join_at! })).toBeVisible();
  await expect(aside.locator('span[lang="en"]', { hasText: en.projector_join_at! })).toBeVisible();
  await expect(screen.getByTestId('screen-activity-title').locator('span[lang="th"]')).toHaveText(
    th.projector_welcome!,
  );
  await expect(screen.getByTestId('screen-activity-title').locator('span[lang="en"]')).toHaveText(
    en.projector_welcome!,
  );
  await expectNothingOverflows(screen);
  await checkA11y(screen, 'projector in Thai and English');
  await shot(screen, 'languages-projector-th-en-1920');

  // Back to one language: the projector follows at once, without a reload.
  await console_.getByLabel(ko.console_settings_projector_second!).selectOption('');
  await console_.getByRole('button', { name: ko.console_settings_save }).click();
  await expect(screen.locator('span[lang="en"]')).toHaveCount(0);
  await expect(screen.getByTestId('screen-activity-title')).toHaveText(th.projector_welcome!);
});

test('a participant in Vietnamese co-edits a checklist with the workspace in Vietnamese', async ({
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(360_000);
  const vi = messages('vi');
  const en = messages('en');
  const w = await createBlankWorkshop(request, 'Identification in practice');
  const lan = await joinWorkshop(request, w.joinCode, 'Lan Nguyen', 'VN');
  const ben = await joinWorkshop(request, w.joinCode, 'Ben Somchai', 'TH');
  const f = await facilitatorSocket(baseURL!, w.id, w.facilitatorKey);
  const { groupId } = await f.send('group.create', { name: 'Team Mekong' });
  await f.send('group.assign', { participantId: lan.participantId, groupId });
  await f.send('group.assign', { participantId: ben.participantId, groupId });
  await f.send('exercise.launch', {
    title: 'Indicators checklist',
    kind: 'checklist',
    template: 'identification-adult',
  });
  await expect.poll(() => f.session().artifacts.length).toBe(1);
  const artifactId = f.session().artifacts[0]!.id;

  const open = async (
    viewport: { width: number; height: number },
    locale: string,
    token: string,
  ) => {
    const page = await pageIn(browser, viewport, locale);
    await page.goto('/');
    await page.evaluate(
      ([id, t]) => localStorage.setItem(`plenary:participant:${id}`, t!),
      [w.id, token],
    );
    await page.goto(`/w/${w.id}/group/${artifactId}`);
    await expect(page.getByTestId('doc-status')).toHaveAttribute('data-status', 'connected');
    return page;
  };
  const a = await open(PHONE_390, 'vi-VN', lan.token);
  const b = await open(LAPTOP_1366, 'en-GB', ben.token);
  await expect(a.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(a.getByRole('heading', { name: vi.group_checklist_heading })).toBeVisible();
  await expect(a.getByTestId('doc-saved')).toHaveText(vi.group_doc_all_saved!);

  // Lan ticks the first indicator in Vietnamese; Ben, in English, sees it ticked by her.
  const observedVi = vi.group_checklist_observed!.replace('{text}', 'Was promised a job');
  await a.getByRole('checkbox', { name: observedVi }).check();
  await expect(
    b.getByRole('checkbox', {
      name: en.group_checklist_observed!.replace('{text}', 'Was promised a job'),
    }),
  ).toBeChecked();
  await expect(b.getByText('Checked by Lan Nguyen')).toBeVisible();
  await expect(
    a.getByText(vi.group_checklist_checked_by!.replace('{name}', 'Lan Nguyen')),
  ).toBeVisible();

  // She adds an indicator under a section whose title stays as the facilitator's template wrote it.
  await a
    .getByRole('button', {
      name: vi.group_checklist_add_item!.replace('{section}', 'Recruitment by deception'),
    })
    .click();
  await a.keyboard.type('Hộ chiếu bị chủ giữ');
  await expect(b.getByText('Hộ chiếu bị chủ giữ')).toBeVisible();
  await a.getByTestId('workspace-title').click(); // leaves the field, as a tap elsewhere would
  await expect(a.getByTestId('doc-saved')).toHaveText(vi.group_doc_all_saved!);
  await expectNothingOverflows(a);
  await checkA11y(a, 'workspace in Vietnamese');
  await shot(a, 'languages-workspace-vi-390');
  f.socket.close();
});

test('screenshots: the projector in Thai, Khmer and Korean, the workspace in Khmer', async ({
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(360_000);
  const w = await createBlankWorkshop(request, 'Regional training on victim identification');
  const f = await facilitatorSocket(baseURL!, w.id, w.facilitatorKey);
  const screen = await pageIn(browser, PROJECTOR, 'en-US');
  await screen.goto(`/w/${w.id}/screen#key=${w.screenKey}`);
  for (const locale of ['th', 'km', 'ko']) {
    const t = messages(locale);
    await f.send('workshop.update', { projectorLanguages: [locale] });
    await expect(screen.locator('html')).toHaveAttribute('lang', locale);
    await expect(screen.getByTestId('screen-activity-title')).toHaveText(t.projector_welcome!);
    await expect(screen.getByRole('complementary')).toContainText(t.projector_join_at!);
    await expectNothingOverflows(screen);
    await checkA11y(screen, `projector in ${locale}`);
    await shot(screen, `languages-projector-${locale}-1920`);
  }

  const km = messages('km');
  const sok = await joinWorkshop(request, w.joinCode, 'Sok Dara', 'KH');
  const { groupId } = await f.send('group.create', { name: 'Team Tonle Sap' });
  await f.send('group.assign', { participantId: sok.participantId, groupId });
  await f.send('exercise.launch', {
    title: 'Indicators checklist',
    kind: 'checklist',
    template: 'identification-adult',
  });
  await expect.poll(() => f.session().artifacts.length).toBe(1);
  const page = await pageIn(browser, PHONE_390, 'km-KH');
  await page.goto('/');
  await page.evaluate(
    ([id, t]) => localStorage.setItem(`plenary:participant:${id}`, t!),
    [w.id, sok.token],
  );
  await page.goto(`/w/${w.id}/group/${f.session().artifacts[0]!.id}`);
  await expect(page.getByTestId('doc-status')).toHaveAttribute('data-status', 'connected');
  await expect(page.locator('html')).toHaveAttribute('lang', 'km');
  await expect(page.getByRole('heading', { name: km.group_checklist_heading })).toBeVisible();
  await page.locator('details.menu summary').first().click();
  await expectNothingOverflows(page);
  await checkA11y(page, 'workspace in Khmer');
  await shot(page, 'languages-workspace-km-390');
  // What the phone shows first, at its own size (the full page is 3,000 px long).
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'languages-workspace-km-390-screen.png') });
  f.socket.close();
});

test('the action plan, vignette and practice editors in Thai at 390 x 844', async ({
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(360_000);
  const th = messages('th');
  const w = await createBlankWorkshop(request, 'Planning day');
  const som = await joinWorkshop(request, w.joinCode, 'Somchai Dee', 'TH');
  const f = await facilitatorSocket(baseURL!, w.id, w.facilitatorKey);
  const { groupId } = await f.send('group.create', { name: 'Team Chao Phraya' });
  await f.send('group.assign', { participantId: som.participantId, groupId });
  await f.send('exercise.launch', { title: 'Our plan', kind: 'action-plan' });
  await f.send('exercise.launch', {
    title: 'The case of M.',
    kind: 'vignette',
    template: 'identification-adult',
    stages: ['M. answered an online job offer for restaurant work abroad.'],
  });
  await f.send('exercise.launch', { title: 'Our practice', kind: 'practice' });
  await expect.poll(() => f.session().artifacts.length).toBe(3);
  const idOf = (kind: string) => f.session().artifacts.find((a) => a.kind === kind)!.id;

  const page = await pageIn(browser, PHONE_390, 'th-TH');
  await page.goto('/');
  await page.evaluate(
    ([id, t]) => localStorage.setItem(`plenary:participant:${id}`, t!),
    [w.id, som.token],
  );
  const open = async (kind: string) => {
    await page.goto(`/w/${w.id}/group/${idOf(kind)}`);
    await expect(page.getByTestId('doc-status')).toHaveAttribute('data-status', 'connected');
    await expect(page.locator('html')).toHaveAttribute('lang', 'th');
  };

  await open('action-plan');
  await page.getByRole('button', { name: th.plan_add }).click();
  await expect(
    page.getByRole('heading', { name: th.plan_objective!.replace('{number}', '1') }),
  ).toBeVisible();
  await expect(page.getByLabel(th.plan_field_action!)).toBeVisible();
  await expectNothingOverflows(page);
  await checkA11y(page, 'action plan in Thai');
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'languages-plan-th-390-screen.png') });

  await open('vignette');
  await expect(page.getByRole('heading', { name: th.vignette_indicators })).toBeVisible();
  await expect(page.getByLabel(th.vignette_referral!)).toBeVisible();
  await expectNothingOverflows(page);
  await checkA11y(page, 'vignette in Thai');

  await open('practice');
  await expect(page.getByRole('heading', { name: th.practice_heading_edit })).toBeVisible();
  await expect(page.getByLabel(th.practice_lessons!, { exact: true })).toBeVisible();
  await expectNothingOverflows(page);
  await checkA11y(page, 'practice in Thai');
  await shot(page, 'languages-practice-th-390');
  f.socket.close();
});
