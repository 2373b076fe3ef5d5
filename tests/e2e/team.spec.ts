import { expect, test, type Page } from '@playwright/test';
import { io } from 'socket.io-client';
import { PROTOCOL_VERSION } from '@plenary/shared';
import { LAPTOP, PHONE, PROJECTOR, checkA11y, joinWorkshop, pageAt, shot } from './support.js';

/** Closes the "Keep this link" step with the keyboard, as someone who kept it would. */
async function keepTheLink(page: Page): Promise<string> {
  const step = page.getByTestId('keep-link');
  // A fresh browser connects first (several pages share two cores here).
  await expect(step).toBeVisible({ timeout: 20_000 });
  const url = await step.getByTestId('keep-url').inputValue();
  await step.getByRole('button', { name: 'I have kept it' }).focus();
  await page.keyboard.press('Enter');
  await expect(step).toBeHidden();
  return url;
}

test('a training team runs one workshop: invitations, a moderator on a phone, the projector with its own key, revocation, and a way back in', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(600_000);
  // The lead facilitator creates the workshop on the home page.
  const lead = await pageAt(browser, LAPTOP);
  await lead.goto('/');
  await lead.getByLabel('Workshop title').fill('Regional training on identification');
  await lead.getByRole('button', { name: 'Create workshop' }).click();
  await expect(lead.getByTestId('workshop-title')).toHaveText(
    'Regional training on identification',
  );
  const workshopId = /\/w\/([^/]+)\/facilitate/.exec(lead.url())![1]!;

  // Right after creation: keep this link (copy, a file, a QR code for the phone).
  const step = lead.getByTestId('keep-link');
  await expect(step).toBeVisible();
  const file = step.getByTestId('keep-file');
  await expect(file).toHaveAttribute('download', /facilitator-link\.html$/);
  expect(decodeURIComponent((await file.getAttribute('href'))!)).toContain(
    `/w/${workshopId}/facilitate#key=`,
  );
  await step.getByRole('button', { name: 'Show a QR code' }).click();
  await expect(step.getByRole('img', { name: /QR code of this link/ })).toBeVisible();
  await checkA11y(lead, 'console, keep this link step');
  await shot(lead, 'team-keep-this-link');
  const leadUrl = await keepTheLink(lead);
  const leadKey = new URLSearchParams(new URL(leadUrl).hash.slice(1)).get('key')!;

  // The projector opens with its own key (the creation form handed it over), never the
  // facilitator's.
  const projectorLink = lead.getByRole('link', { name: /Open projector screen/ });
  const screenHref = (await projectorLink.getAttribute('href'))!;
  expect(screenHref).not.toContain(encodeURIComponent(leadKey));
  expect(screenHref).not.toContain(leadKey);
  const projector = await pageAt(browser, PROJECTOR);
  await projector.goto(screenHref);
  const joinCode = (await lead.getByTestId('header-join-code').textContent())!.trim();
  await expect(projector.getByText(joinCode).first()).toBeVisible();

  // The lead names themself and invites a co-facilitator and a moderator.
  const team = lead.getByTestId('team-panel');
  await team.getByLabel('Your name in the activity log').fill('Chloé');
  await team.getByRole('button', { name: 'Save', exact: true }).click();
  const invite = async (name: string, role: string) => {
    await team.getByLabel('Name', { exact: true }).fill(name);
    await team.getByLabel('Role').selectOption({ label: role });
    await team.getByRole('button', { name: 'Invite' }).click();
    const url = await team.getByTestId('invite-url').inputValue();
    await team.getByRole('button', { name: 'Done' }).click();
    return url;
  };
  const anaUrl = await invite('Ana', 'Co-facilitator');
  const boUrl = await invite('Bo', 'Moderator (questions only)');
  expect(anaUrl).not.toContain(leadKey);

  // Ana opens her link on her laptop: her own console, her own "keep this link".
  const ana = await pageAt(browser, LAPTOP);
  await ana.goto(anaUrl);
  await keepTheLink(ana);
  await expect(ana.getByTestId('team-member').filter({ hasText: 'Ana (you)' })).toBeVisible();
  await expect(
    team.getByTestId('team-member').filter({ hasText: 'Ana' }).getByText('online'),
  ).toBeVisible();

  // Bo moderates questions from a phone.
  const bo = await pageAt(browser, PHONE);
  await bo.goto(boUrl);
  await keepTheLink(bo);
  await expect(bo.getByText('You are a moderator')).toBeVisible();
  // Only the parts a moderator may run or read: questions, the team, the participants.
  const boNav = bo.getByRole('navigation', { name: 'Console' });
  await expect(boNav.getByRole('link')).toHaveText([/^Questions/, /^Team/, /^Participants/]);
  await expect(bo.getByTestId('moderator-note')).toBeVisible();
  await expect(bo.getByTestId('moderator-current')).toBeVisible();
  for (const runs of ['Start timer', 'Next activity →', 'New poll', 'Save settings'])
    await expect(bo.getByRole('button', { name: runs })).toHaveCount(0);
  await expect(bo.locator('#polls, #groups, #agenda, #settings')).toHaveCount(0);
  const p = await joinWorkshop(lead.request, joinCode, 'Maria', 'PH');
  const participant = io(baseURL!, {
    transports: ['websocket'],
    auth: {
      protocol: PROTOCOL_VERSION,
      workshopId,
      credential: { kind: 'participant', token: p.token },
    },
  });
  await new Promise((r) => participant.once('welcome', r));
  const asked = await participant.emitWithAck('question.ask', {
    cmdId: 'team-spec-ask-1',
    text: 'Who do we refer to?',
  });
  expect(asked).toMatchObject({ ok: true });
  participant.close();
  await expect(bo.getByTestId('roster-entry').filter({ hasText: 'Maria' })).toBeVisible();
  await expect(bo.getByRole('button', { name: /^(Rename|Remove)/ })).toHaveCount(0);
  await bo.getByRole('button', { name: 'Mark answered' }).click();
  await expect(bo.getByText('Answered', { exact: true })).toBeVisible();
  await checkA11y(bo, 'console on a phone, moderator');
  await shot(bo, 'team-moderator-phone');

  // Ana makes a new projector link: the old one stops, and the log credits her.
  await ana.getByRole('button', { name: 'New projector link…' }).click();
  await ana.getByRole('dialog').getByRole('button', { name: 'Make a new projector link' }).click();
  await expect(projector.getByText('This link no longer opens the workshop')).toBeVisible();
  const log = team.getByTestId('team-log');
  await expect(log.getByRole('listitem').first()).toContainText('made a new projector link by Ana');
  await expect(log).toContainText('marked as answered the question “Who do we refer to?” by Bo');
  await expect(log).toContainText('invited Ana as co-facilitator by Chloé');
  await team.scrollIntoViewIfNeeded();
  await checkA11y(lead, 'console, team section');
  await shot(lead, 'team-section');

  // The lead revokes Ana: her console ends at once, and her link opens nothing any more,
  // neither in the console nor over REST.
  const anaKey = new URLSearchParams(new URL(anaUrl).hash.slice(1)).get('key')!;
  const asAna = () =>
    lead.request.get(`/api/workshops/${workshopId}`, {
      headers: { authorization: `Bearer ${anaKey}` },
    });
  expect((await asAna()).status()).toBe(200);
  const anaRow = team.getByTestId('team-member').filter({ hasText: 'Ana' });
  await anaRow.getByRole('button', { name: 'Revoke Ana' }).click();
  await lead.getByRole('dialog').getByRole('button', { name: 'Revoke', exact: true }).click();
  await expect(ana.getByText('This link no longer opens the workshop')).toBeVisible();
  await expect(anaRow).toHaveCount(0);
  expect((await asAna()).status()).toBe(403);
  await ana.reload();
  await expect(
    ana.getByRole('heading', { name: 'This link does not open the workshop' }),
  ).toBeVisible();
  await shot(ana, 'team-revoked');

  // A way back in: the home page lists what this browser facilitates.
  await lead.goto('/');
  const mine = lead.getByTestId('my-workshops');
  await expect(
    mine.getByRole('link', { name: 'Regional training on identification' }),
  ).toBeVisible();
  await expect(mine).toContainText('Lead facilitator');
  await checkA11y(lead, 'home page with your workshops');
  await shot(lead, 'team-home-your-workshops');
  await mine.getByRole('link', { name: 'Regional training on identification' }).click();
  await expect(lead.getByTestId('workshop-title')).toHaveText(
    'Regional training on identification',
  );
  await expect(lead.getByTestId('keep-link')).toBeHidden();

  // The report names the team and who did what.
  await lead.goto(`/w/${workshopId}/report`);
  await expect(lead.getByTestId('report-team')).toContainText('Ana made a new projector link');
  await expect(lead.getByTestId('report-team')).toContainText('Chloé revoked Ana’s key');
});

test('keys are replaced from the console: a member’s new link, and the lead’s own key', async ({
  browser,
  request,
}) => {
  test.setTimeout(300_000);
  const created = await (
    await request.post('/api/workshops', { data: { title: 'Key change', template: 'blank' } })
  ).json();
  const asKey = (key: string) =>
    request.get(`/api/workshops/${created.id}`, { headers: { authorization: `Bearer ${key}` } });
  const keyOf = (url: string) => new URLSearchParams(new URL(url).hash.slice(1)).get('key')!;
  const lead = await pageAt(browser, LAPTOP);
  await lead.goto(`/w/${created.id}/facilitate#key=${created.facilitatorKey}`);
  const team = lead.getByTestId('team-panel');
  await team.getByLabel('Name', { exact: true }).fill('Dara');
  await team.getByLabel('Role').selectOption({ label: 'Co-facilitator' });
  await team.getByRole('button', { name: 'Invite' }).click();
  const daraUrl = await team.getByTestId('invite-url').inputValue();
  await team.getByRole('button', { name: 'Done' }).click();
  const dara = await pageAt(browser, LAPTOP);
  await dara.goto(daraUrl);
  await keepTheLink(dara);

  // Dara's link was seen: the lead gives her a new one. The old one stops at once.
  const daraRow = team.getByTestId('team-member').filter({ hasText: 'Dara' });
  await daraRow.getByRole('button', { name: 'New link for Dara' }).click();
  await lead.getByRole('dialog').getByRole('button', { name: 'Make a new link' }).click();
  const handover = team.getByRole('region', { name: 'Link for Dara' });
  const newDaraUrl = await handover.getByTestId('invite-url').inputValue();
  expect(keyOf(newDaraUrl)).not.toBe(keyOf(daraUrl));
  await expect(dara.getByText('This link no longer opens the workshop')).toBeVisible();
  expect((await asKey(keyOf(daraUrl))).status()).toBe(403);
  await checkA11y(lead, 'console, a member’s new link');
  await shot(lead, 'team-new-member-link');
  await handover.getByRole('button', { name: 'Done' }).click();
  await dara.goto(newDaraUrl);
  await keepTheLink(dara);
  await expect(dara.getByTestId('team-member').filter({ hasText: 'Dara (you)' })).toBeVisible();

  // The lead replaces their own key: the page comes back on the new link, asking to keep it;
  // the old key opens nothing, on this page or over REST. Dara is not affected.
  await team.getByRole('button', { name: 'Replace my key…' }).click();
  await lead.getByRole('dialog').getByRole('button', { name: 'Replace my key' }).click();
  const newLeadUrl = await keepTheLink(lead);
  expect(keyOf(newLeadUrl)).not.toBe(created.facilitatorKey);
  expect(lead.url()).not.toContain(created.facilitatorKey);
  expect((await asKey(created.facilitatorKey)).status()).toBe(403);
  expect((await asKey(keyOf(newLeadUrl))).status()).toBe(200);
  await expect(lead.getByTestId('workshop-title')).toHaveText('Key change');
  await expect(dara.getByTestId('workshop-title')).toHaveText('Key change');
  const old = await pageAt(browser, LAPTOP);
  await old.goto(`/w/${created.id}/facilitate#key=${created.facilitatorKey}`);
  await expect(
    old.getByRole('heading', { name: 'This link does not open the workshop' }),
  ).toBeVisible();
});
