import { readFileSync, writeFileSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { io } from 'socket.io-client';
import { PROTOCOL_VERSION, decodeWelcome, type WelcomeWire } from '@plenary/shared';
import { practiceText } from '@plenary/shared/docs';
import {
  checkA11y,
  edit,
  facilitatorSocket,
  shot,
  PHONE,
  LAPTOP,
  pageAt,
  participantPage,
  openOur,
  SCREENSHOT_DIR,
} from './support.js';

/** What an A4 page prints on at 96 dpi: 210 × 297 mm less the report's margins. */
const A4_PRINTABLE = { width: 688, height: 1003 };

/** A screenshot of what is on screen, or of one element (the full page is often too tall). */
const view = (target: Page | Locator, name: string) =>
  target.screenshot({ path: joinPath(SCREENSHOT_DIR, `${name}.png`) });

test('commitments, a check-in and the printable report, from the console and two phones', async ({
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(360_000);
  const created = await (
    await request.post('/api/workshops', {
      data: {
        title: 'Regional training on victim identification',
        template: 'victim-centred',
        startsOn: '2026-11-23',
        endsOn: '2026-11-25',
        venue: 'Cebu',
      },
    })
  ).json();
  const join = async (name: string, country: string) =>
    (
      await request.post('/api/join', {
        data: { joinCode: created.joinCode, name, country, organisation: 'Invented NGO' },
      })
    ).json();
  const ana = await join('Ana Reyes', 'PH');
  const budi = await join('Budi Santoso', 'ID');

  const fac = await pageAt(browser, LAPTOP);
  await fac.goto(`/w/${created.id}/facilitate#key=${created.facilitatorKey}`);
  // The first activity runs for a moment, so the report has an actual time.
  await fac.getByRole('button', { name: 'Next activity →' }).click();

  // One group with an action plan.
  const groups = fac.getByRole('region', { name: 'Groups' });
  await groups.getByLabel('New group name').fill('Team Mekong');
  await groups.getByRole('button', { name: 'Create group' }).click();
  await groups.getByLabel('Group for Ana Reyes').selectOption({ label: 'Team Mekong' });
  await groups.getByLabel('Group for Budi Santoso').selectOption({ label: 'Team Mekong' });
  await expect(groups.getByTestId('group-card').getByTestId('member')).toHaveCount(2);
  await groups.getByLabel('Title').fill('Action plan');
  await groups.getByLabel('Kind').selectOption('action-plan');
  await groups.getByRole('button', { name: 'Launch in every group' }).click();

  // A practice write-up the group rated itself on in a peer review (set up as the console and a
  // phone would, over their sockets).
  const base = baseURL!;
  const console_ = await facilitatorSocket(base, created.id, created.facilitatorKey);
  const practice = await console_.send('exercise.launch', {
    title: 'Our practice',
    kind: 'practice',
  });
  const { roundId } = await console_.send('review.open', {
    exerciseId: practice.exerciseId,
    criteria: [{ label: 'Relevance' }, { label: 'Evidence' }],
  });
  await expect
    .poll(() => console_.session().artifacts.filter((x) => x.kind === 'practice').length)
    .toBe(1);
  const practiceId = console_.session().artifacts.find((x) => x.kind === 'practice')!.id!;
  await edit(base, created.id, practiceId, created.facilitatorKey, (doc) =>
    practiceText(doc, 'name').insert(0, 'Joint inspections of fishing boats'),
  );
  const anaSocket = io(base, {
    transports: ['websocket'],
    auth: {
      protocol: PROTOCOL_VERSION,
      workshopId: created.id,
      credential: { kind: 'participant', token: ana.token },
    },
  });
  const welcome = decodeWelcome(
    await new Promise<WelcomeWire>((r) => anaSocket.once('welcome', r)),
  );
  const [relevance, evidence] = welcome.reviews[0]!.criteria.map((c) => c.id);
  const rated = await anaSocket.emitWithAck('review.rate', {
    cmdId: `rate-${Date.now()}`,
    roundId,
    targetGroupId: console_.session().groups[0]!.id,
    as: 'self',
    scores: { [relevance!]: 2, [evidence!]: 3 },
    comment: 'We lack data on results',
  });
  expect(rated).toMatchObject({ ok: true });
  anaSocket.close();
  console_.socket.close();

  const a = await participantPage(browser, PHONE, created.id, ana.token);
  const b = await participantPage(browser, PHONE, created.id, budi.token);

  // A poll both answer, and a question from the floor.
  const polls = fac.locator('#polls');
  await polls.getByRole('button', { name: 'New poll' }).click();
  await polls.getByLabel('Kind of poll').selectOption('single');
  await polls.getByLabel('Question', { exact: true }).fill('Who refers most victims?');
  await polls.getByLabel('Option 1', { exact: true }).fill('Police');
  await polls.getByLabel('Option 2', { exact: true }).fill('Health workers');
  await polls.getByRole('button', { name: 'Create poll' }).click();
  // The template comes with polls of its own: open this one.
  await polls
    .getByTestId('facilitator-poll')
    .filter({ hasText: 'Who refers most victims?' })
    .getByRole('button', { name: 'Open', exact: true })
    .click();
  for (const [page, choice] of [
    [a, 'Police'],
    [b, 'Health workers'],
  ] as const) {
    const poll = page.getByTestId('participant-poll');
    await poll.getByLabel(choice).check();
    await poll.getByRole('button', { name: 'Send my vote' }).click();
    await expect(poll.getByTestId('vote-received')).toBeVisible();
  }
  await b.getByLabel('Ask the facilitator a question').fill('Who pays for the interpreter?');
  await b.getByRole('button', { name: 'Send question' }).click();
  await expect(fac.getByTestId('facilitator-question')).toContainText('interpreter');

  await openOur(a, created.id, 'Action plan');
  await a.getByRole('button', { name: 'Add an objective' }).click();
  await a.keyboard.type('Train 40 labour inspectors on indicators');
  await a.getByLabel('Deadline').fill('2027-03-31');
  await expect(a.getByTestId('doc-saved')).toHaveAttribute('data-saved', 'true');

  // The facilitator plans check-ins at 3 and 6 months after the last day.
  const followUp = fac.getByTestId('follow-up-panel');
  await followUp.getByRole('button', { name: /Add check-ins at 3 and 6 months/ }).click();
  await expect(followUp.getByRole('listitem').filter({ hasText: '3 months' })).toContainText(
    '25 Feb 2027',
  );
  await expect(followUp.getByRole('listitem').filter({ hasText: '6 months' })).toContainText(
    '25 May 2027',
  );

  // Ana writes her commitment, tied to the objective, updates it and answers the check-in.
  await a.goto(`/w/${created.id}`);
  await expect(a.getByTestId('my-commitment')).toContainText('Before you leave');
  await a.getByRole('link', { name: 'Write my commitment' }).click();
  await expect(a.getByRole('heading', { name: 'After the workshop' })).toBeVisible();
  await a
    .getByLabel('What will you do after the workshop?')
    .fill('Brief my unit on the referral pathway within two weeks');
  await a
    .getByLabel('Objective of our plan it serves (optional)')
    .selectOption({ label: 'Train 40 labour inspectors on indicators' });
  await a.getByRole('button', { name: 'Save my commitment' }).click();
  await expect(a.getByTestId('commitment-saved')).toHaveText('Saved');
  const objective = a.getByTestId('followup-objective');
  await objective.getByLabel('Status').selectOption('in-progress');
  await objective.getByLabel('Progress note (optional)').fill('Curriculum drafted');
  await expect(a.getByTestId('followup-plan').getByTestId('doc-saved')).toHaveAttribute(
    'data-saved',
    'true',
  );
  const threeMonths = a.getByTestId('checkin').filter({ hasText: '3 months' });
  await threeMonths
    .getByLabel('How is your group doing?')
    .fill('The curriculum is drafted; the first course is booked.');
  // The group rates its practice again, as it did in the peer review.
  await threeMonths.getByLabel('Relevance').selectOption('4');
  await threeMonths.getByLabel('Evidence').selectOption('5');
  await threeMonths.getByRole('button', { name: 'Send our check-in' }).click();
  await expect(threeMonths.getByTestId('checkin-answered')).toContainText('Answered by Ana Reyes');
  await expect(threeMonths.getByTestId('checkin-answered')).toContainText(
    '0 done · 1 in progress · 0 planned',
  );
  await expect(threeMonths).toContainText('Your practice, rated again: 4.5 of 5.');
  await checkA11y(a, 'participant follow-up page');
  await shot(a, 'report-followup-phone');

  // Budi sees his group's answer and writes his own commitment.
  await b.goto(`/w/${created.id}`);
  await b.getByRole('link', { name: 'Write my commitment' }).click();
  await expect(
    b.getByTestId('checkin').filter({ hasText: '3 months' }).getByTestId('checkin-answered'),
  ).toContainText('Answered by Ana Reyes');
  await expect(b.getByTestId('followup-objective').getByLabel('Status')).toHaveValue('in-progress');
  await b
    .getByLabel('What will you do after the workshop?')
    .fill('Share the indicator checklist with the labour inspectorate');
  await b.getByRole('button', { name: 'Save my commitment' }).click();
  await expect(b.getByTestId('commitment-saved')).toHaveText('Saved');

  // Ana's workshop page shows her commitment.
  await a.goto(`/w/${created.id}`);
  await expect(a.getByTestId('my-commitment-text')).toHaveText(
    'Brief my unit on the referral pathway within two weeks',
  );
  await checkA11y(a, 'participant page with a commitment');
  await shot(a, 'report-participant-commitment-phone');

  // The console lists both commitments and the group's progress at the check-in.
  await expect(fac.getByTestId('console-commitments').getByRole('listitem')).toHaveCount(2);
  const table = fac.getByTestId('follow-up-table');
  await expect(table.getByRole('row', { name: /Team Mekong/ })).toContainText(
    '0 done · 1 in progress · 0 planned',
  );
  await expect(table.getByRole('row', { name: /Team Mekong/ })).toContainText(
    'Self-assessment 4.5',
  );
  await expect(table).toContainText('Not answered');
  await followUp.scrollIntoViewIfNeeded();
  await checkA11y(fac, 'console with follow-up and report');
  // The console's columns scroll on their own: a tall window shows the whole panel.
  await fac.setViewportSize({ width: LAPTOP.width, height: 2000 });
  await view(followUp, 'report-console-followup-panel');
  await fac.setViewportSize(LAPTOP);
  await view(fac.getByTestId('report-panel'), 'report-console-report-panel');

  // The Markdown download.
  const [download] = await Promise.all([
    fac.waitForEvent('download'),
    fac.getByTestId('report-panel').getByRole('button', { name: 'Download as Markdown' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('regional-training-on-victim-identification-report.md');
  const markdown = readFileSync((await download.path())!, 'utf8');
  expect(markdown).toContain('# Regional training on victim identification');
  expect(markdown).toContain('Brief my unit on the referral pathway within two weeks');

  // The printable report, opened from the console in a new tab.
  const [report] = await Promise.all([
    fac.context().waitForEvent('page'),
    fac.getByRole('link', { name: /Open the printable report/ }).click(),
  ]);
  await expect(report.getByRole('heading', { level: 1 })).toHaveText(
    'Regional training on victim identification',
  );
  for (const heading of [
    'Agenda: planned and actual time',
    'Participants by country',
    'Polls and quizzes',
    'Questions from the floor',
    'Group work',
    'Peer review',
    'Personal commitments',
    'Follow-up',
  ])
    await expect(report.getByRole('heading', { level: 2, name: heading })).toBeVisible();
  await expect(report.getByTestId('report-group')).toContainText(
    'Train 40 labour inspectors on indicators',
  );
  await expect(report.getByTestId('report-commitments')).toContainText(
    'Share the indicator checklist with the labour inspectorate',
  );
  const followUpRow = report
    .getByTestId('report-follow-up')
    .getByRole('row', { name: /Team Mekong/ });
  await expect(followUpRow).toContainText('0 done · 1 in progress · 0 planned');
  await expect(followUpRow).toContainText('Self-assessment at the workshop: 2.5');
  await expect(followUpRow).toContainText('Self-assessment: 4.5');
  await expect(report.getByTestId('report-review')).toContainText(
    'Joint inspections of fishing boats',
  );
  await checkA11y(report, 'printable report');
  await shot(report, 'report-page-laptop');

  // Keyboard: the contents jump to a section.
  await report.getByRole('link', { name: 'Personal commitments' }).focus();
  await report.keyboard.press('Enter');
  await expect(report).toHaveURL(/#commitments$/);

  // As printed on A4: no buttons; the group work starts a new page.
  await report.setViewportSize(A4_PRINTABLE);
  await report.emulateMedia({ media: 'print' });
  await expect(report.getByRole('button', { name: 'Print or save as PDF' })).toBeHidden();
  await shot(report, 'report-page-a4-print');
  await view(report.getByTestId('report-group'), 'report-page-a4-print-group');
  const pdf = await report.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  writeFileSync(joinPath(SCREENSHOT_DIR, 'report.pdf'), pdf);
  expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length).toBeGreaterThan(2);
  await report.emulateMedia({ media: 'screen' });
  await report.setViewportSize(PHONE);
  await checkA11y(report, 'printable report on a phone');
  await view(report, 'report-page-phone-top');
  await report.getByRole('heading', { name: 'Group work' }).scrollIntoViewIfNeeded();
  await view(report, 'report-page-phone-groups');

  // A backup, restored from the restore page into a new workshop with new links.
  const [backup] = await Promise.all([
    fac.waitForEvent('download'),
    fac.getByTestId('report-panel').getByRole('button', { name: 'Download a backup' }).click(),
  ]);
  const restore = await pageAt(browser, LAPTOP);
  await restore.goto('/restore');
  await restore.getByRole('button', { name: 'Restore as a new workshop' }).click();
  await expect(restore.getByRole('alert')).toHaveText('Choose the backup file first.');
  await restore.getByLabel('Backup file').setInputFiles((await backup.path())!);
  await restore.getByRole('button', { name: 'Restore as a new workshop' }).click();
  const restored = restore.getByTestId('restored');
  await expect(restored).toContainText('The workshop is restored');
  await expect(restore.getByTestId('restored-join-code')).not.toHaveText(created.joinCode);
  await checkA11y(restore, 'restored workshop');
  await shot(restore, 'report-restored-laptop');
  const anaLink = await restored.getByLabel('Ana Reyes').inputValue();
  // Ana opens her new personal link on a new phone: her commitment and her group's plan are there.
  const newPhone = await pageAt(browser, PHONE);
  await newPhone.goto(anaLink);
  await expect(newPhone.getByLabel('What will you do after the workshop?')).toHaveValue(
    'Brief my unit on the referral pathway within two weeks',
  );
  await expect(newPhone.getByTestId('followup-objective')).toContainText(
    'Train 40 labour inspectors on indicators',
  );
  expect(newPhone.url()).not.toContain('token=');
  await restore.getByRole('link', { name: 'Open the facilitator console' }).click();
  await expect(restore.getByTestId('workshop-title')).toHaveText(
    'Regional training on victim identification',
  );
});
