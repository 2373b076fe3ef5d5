import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CRITERIA } from '@plenary/shared';
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  expectNothingOverflows,
  LAPTOP_1366,
  messages,
  pageIn,
  PHONE_390,
} from './languages-support.js';
import { checkA11y, facilitatorSocket, joinWorkshop, SCREENSHOT_DIR } from './support.js';

type Message = string | { match: Record<string, string> }[];
/** The console's messages in one language (its menu and log in console/, the panels of
 *  console-groups/). */
const consoleMessages = (locale: string): Record<string, Message> =>
  Object.assign(
    { ...messages(locale) },
    ...['console', 'console-groups'].map(
      (area) =>
        JSON.parse(
          readFileSync(
            new URL(`../../web/messages/${area}/${locale}.json`, import.meta.url),
            'utf8',
          ),
        ) as Record<string, Message>,
    ),
  ) as Record<string, Message>;
const ko = consoleMessages('ko');
const en = consoleMessages('en');

/** A message with its inputs filled in ({count} picks the plural's "other" form: Korean has no
 *  other). */
function t(
  table: Record<string, Message>,
  key: string,
  inputs: Record<string, string | number> = {},
): string {
  const message = table[key];
  if (message === undefined) throw new Error(`no message ${key}`);
  const text = typeof message === 'string' ? message : message[0]!.match['countPlural=other']!;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(inputs[name] ?? `{${name}}`));
}

/** A screenshot of one panel, as artifacts/screenshots/<name>.png: on a laptop the screen with
 *  the panel scrolled to its top (its column scrolls on its own), on a phone the whole panel. */
async function shoot(page: Page, panel: Locator, name: string): Promise<void> {
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  if (page.viewportSize()!.width < 700) return void (await panel.screenshot({ path }));
  await panel.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path });
}
/** A part of the console, reached from its menu. */
const open = (page: Page, key: string) =>
  page.getByRole('link', { name: t(ko, key), exact: true }).click();

test('a facilitator whose browser is in Korean runs groups, peer review, team, follow-up and report in Korean', async ({
  browser,
  request,
  baseURL,
}) => {
  // Several axe runs and screenshots at two sizes: slow on a loaded 2-core machine.
  test.setTimeout(300_000);
  const page = await pageIn(browser, LAPTOP_1366, 'ko-KR');
  await page.goto('/');
  await page.locator('input[name="title"]').fill('인신매매 피해자 식별 지역 연수');
  await page.locator('form:has(input[name="title"]) button[type="submit"]').click();
  await expect(page).toHaveURL(/\/w\/[^/]+\/facilitate#key=/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');

  // The first step: keep this link, in Korean, the workshop's title kept as written.
  const keep = page.getByTestId('keep-link');
  await expect(keep).toBeVisible({ timeout: 20_000 });
  await expect(keep.getByRole('heading')).toHaveText(t(ko, 'console_team_keep_heading'));
  await expect(keep).toContainText('인신매매 피해자 식별 지역 연수');
  await keep.getByRole('button', { name: t(ko, 'console_team_show_qr') }).click();
  await expect(keep.getByRole('img', { name: t(ko, 'console_team_qr_label') })).toBeVisible();
  await keep.getByRole('button', { name: t(ko, 'console_team_kept') }).click();
  await expect(keep).toBeHidden();

  // Three participants from two countries.
  const url = new URL(page.url());
  const id = /\/w\/([^/]+)\/facilitate/.exec(url.pathname)![1]!;
  const key = new URLSearchParams(url.hash.slice(1)).get('key')!;
  const f = await facilitatorSocket(baseURL!, id, key);
  const joinCode = f.session().joinCode;
  await joinWorkshop(request, joinCode, 'Kim Minji', 'KR');
  await joinWorkshop(request, joinCode, 'Lee Jun', 'KR');
  await joinWorkshop(request, joinCode, 'Dara Sok', 'KH');

  // Groups: one per country, then a practice write-up launched in every group.
  await open(page, 'console_nav_groups');
  const groups = page.locator('#groups');
  await expect(groups.getByTestId('breakout-state')).toHaveText(t(ko, 'console_groups_in_plenary'));
  await expect(groups.getByText(t(ko, 'console_groups_unassigned', { count: 3 }))).toBeVisible();
  await groups.getByRole('button', { name: t(ko, 'console_groups_auto_country') }).click();
  await expect(groups.getByTestId('group-card')).toHaveCount(2);
  await expect(groups.getByText(t(ko, 'console_groups_count', { count: 2 }))).toBeVisible();
  const members = t(ko, 'console_groups_members_online', { count: 2, online: 0 });
  await expect(groups.getByTestId('group-card').filter({ hasText: members })).toHaveCount(1);
  await groups.getByLabel(t(ko, 'console_groups_kind'), { exact: true }).selectOption('practice');
  await groups.getByRole('button', { name: t(ko, 'console_groups_launch_all') }).click();
  await expect(
    groups.getByRole('heading', { name: t(ko, 'console_groups_exercises'), exact: true }),
  ).toBeVisible();
  await expect(groups.getByTestId('group-progress').first()).toHaveText(
    t(ko, 'console_groups_no_edits'),
  );
  // Launching opened the breakout; the facilitator brings everyone back to plenary.
  await expect(groups.getByTestId('breakout-state')).toHaveText(
    t(ko, 'console_groups_breakout_open'),
  );
  await groups.getByRole('button', { name: t(ko, 'console_groups_back_to_plenary') }).click();
  await expect(groups.getByTestId('breakout-state')).toHaveText(t(ko, 'console_groups_in_plenary'));
  const gallery = groups.getByTestId('screen-controls');
  await gallery.getByRole('button', { name: t(ko, 'console_groups_show_all') }).click();
  await expect(gallery.getByTestId('screen-showing')).toContainText(
    t(ko, 'console_groups_showing', { what: '' }).trim(),
  );
  await gallery.getByRole('button', { name: t(ko, 'console_groups_back_to_activity') }).click();
  // Nothing English is left in the panel (the exercise's title is the kind's name, in Korean).
  for (const english of [
    'console_groups_launch_heading',
    'console_groups_reveal',
    'console_nav_groups',
  ])
    await expect(groups).not.toContainText(t(en, english));
  await expectNothingOverflows(page, groups);
  await shoot(page, groups, 'languages-console-groups-ko-1366');

  // Peer review: the practice write-up's round, set up and opened in Korean.
  await open(page, 'console_nav_review');
  const review = page.locator('#review');
  await expect(review.getByRole('heading', { level: 2 })).toHaveText(t(ko, 'console_nav_review'));
  await review.getByRole('button', { name: t(ko, 'console_review_setup') }).click();
  await expect(
    review.getByRole('group', { name: t(ko, 'console_review_who_rates') }),
  ).toBeVisible();
  await review
    .getByRole('button', { name: t(ko, 'console_review_open', { count: DEFAULT_CRITERIA.length }) })
    .click();
  await expect(review.getByTestId('review-state')).toContainText(
    t(ko, 'console_review_state_open'),
  );
  await expect(review.getByTestId('review-totals')).toContainText(
    t(ko, 'console_review_selves', { done: 0, count: 2 }),
  );

  // Team: the lead invites a co-facilitator and hands the link over.
  await open(page, 'console_nav_team');
  const team = page.getByTestId('team-panel');
  await expect(team.getByRole('heading', { name: t(ko, 'console_team_who_is_in') })).toBeVisible();
  // The lead has not given a name yet: the role's name stands in, in Korean too.
  await expect(team.getByTestId('team-members')).toContainText(t(ko, 'console_team_lead'));
  await expect(team.getByTestId('team-members')).not.toContainText(t(en, 'console_team_lead'));
  await expect(team.getByTestId('team-log')).not.toContainText(t(en, 'console_team_lead'));
  await team.getByLabel(t(ko, 'console_team_name'), { exact: true }).fill('Nguyen Lan');
  await team.getByRole('button', { name: t(ko, 'console_team_invite'), exact: true }).click();
  const handover = team.getByRole('region', {
    name: t(ko, 'console_team_handover_label', { name: 'Nguyen Lan' }),
  });
  await expect(handover).toContainText(
    t(ko, 'console_team_handover', { name: 'Nguyen Lan' }).replace(/\s+/g, ' '),
  );
  await expect(team.getByTestId('team-member')).toContainText(
    t(ko, 'console_team_role_facilitator'),
  );
  // Who did what, worded in Korean too (the log keeps what was done, not English words).
  await expect(team.getByTestId('team-log')).toContainText(
    t(ko, 'console_log_team_invited_co_facilitator', { name: 'Nguyen Lan' }),
  );
  await expectNothingOverflows(page, team);
  await shoot(page, team, 'languages-console-team-ko-1366');

  // Follow-up: the suggested check-ins, then the report and backup card.
  await open(page, 'console_nav_follow_up');
  const followUp = page.getByTestId('follow-up-panel');
  await expect(followUp.getByRole('heading', { level: 2 })).toHaveText(
    t(ko, 'console_followup_heading'),
  );
  await followUp.getByRole('button', { name: /3개월·6개월/ }).click();
  await expect(followUp.getByTestId('console-checkin')).toHaveCount(2);
  await expect(followUp.getByTestId('console-checkin').first()).toContainText(
    t(ko, 'console_followup_answered', { answered: 0, count: 2 }),
  );
  await open(page, 'console_nav_report');
  const report = page.getByTestId('report-panel');
  await expect(report.getByRole('heading', { level: 2 })).toHaveText(
    t(ko, 'console_report_heading'),
  );
  await expect(
    report.getByRole('button', { name: t(ko, 'console_report_download_md') }),
  ).toBeVisible();
  await expect(
    report.getByRole('link', { name: t(ko, 'console_report_open_label') }),
  ).toBeVisible();
  await checkA11y(page, 'console panels in Korean at 1366');

  // On a phone: the same panels fit, and axe is as clean.
  await page.setViewportSize(PHONE_390);
  await expectNothingOverflows(page, groups);
  await expectNothingOverflows(page, team);
  await expectNothingOverflows(page, followUp);
  await shoot(page, groups, 'languages-console-groups-ko-390');
  await shoot(page, team, 'languages-console-team-ko-390');
  await checkA11y(page, 'console panels in Korean at 390');
  f.socket.close();
  await page.context().close();
});
