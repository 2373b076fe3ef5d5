import { expect, test } from '@playwright/test';
import {
  LAPTOP,
  PHONE,
  checkA11y,
  createBlankWorkshop,
  facilitatorSocket,
  joinWorkshop,
  participantPage,
  shot,
} from './support.js';

test('participants coming back are reminded of the check-ins their group owes, until it answers', async ({
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const created = await createBlankWorkshop(request, 'Follow-up of the Da Nang training');
  const lan = await joinWorkshop(request, created.joinCode, 'Lan Pham', 'VN');
  const tuan = await joinWorkshop(request, created.joinCode, 'Tuan Vo', 'VN');
  const f = await facilitatorSocket(baseURL!, created.id, created.facilitatorKey);
  const g = await f.send('group.create', { name: 'Da Nang team' });
  for (const p of [lan, tuan])
    await f.send('group.assign', { participantId: p.participantId, groupId: g.groupId });
  // One long past, one far ahead: only the first is owed.
  await f.send('checkin.add', { title: '6 weeks', dueOn: '2026-01-15' });
  await f.send('checkin.add', { title: 'One year', dueOn: '2099-01-01' });

  const phone = await participantPage(browser, PHONE, created.id, lan.token);
  const due = phone.getByTestId('checkins-due');
  await expect(due.getByRole('heading')).toHaveText('A check-in is due');
  await expect(due).toContainText('6 weeks: due since');
  await expect(due).not.toContainText('One year');
  await checkA11y(phone, 'a check-in due, on the participant page');
  await shot(phone, 'checkin-due-phone');

  // The facilitator sets another one, already due: the open page counts both at once.
  await f.send('checkin.add', { title: '3 months', dueOn: '2026-03-15' });
  await expect(due.getByRole('heading')).toHaveText('2 check-ins are due');

  // By keyboard, the reminder leads to the follow-up page, where Lan's group answers one.
  await due.getByRole('link', { name: 'Report on our plan' }).focus();
  await phone.keyboard.press('Enter');
  await expect(phone).toHaveURL(new RegExp(`/w/${created.id}/followup`));
  const first = phone.getByTestId('checkin').filter({ hasText: '6 weeks' });
  await first.getByLabel('How is your group doing?').fill('The shelter referral works both ways.');
  await first.getByRole('button', { name: 'Send our check-in' }).click();
  await expect(first.getByTestId('checkin-answered')).toContainText('Answered by Lan Pham');

  // Tuan, in the same group, on a laptop: only the one still owed.
  const laptop = await participantPage(browser, LAPTOP, created.id, tuan.token);
  const tuanDue = laptop.getByTestId('checkins-due');
  await expect(tuanDue.getByRole('heading')).toHaveText('A check-in is due');
  await expect(tuanDue).toContainText('3 months');
  await expect(tuanDue).not.toContainText('6 weeks');
  await checkA11y(laptop, 'a check-in due, laptop');
  await shot(laptop, 'checkin-due-laptop');

  // Lan answers the other: Tuan's reminder goes, live.
  const second = phone.getByTestId('checkin').filter({ hasText: '3 months' });
  await second.getByLabel('How is your group doing?').fill('Budget line for interpreters agreed.');
  await second.getByRole('button', { name: 'Send our check-in' }).click();
  await expect(second.getByTestId('checkin-answered')).toBeVisible();
  await expect(tuanDue).toHaveCount(0);
  f.socket.close();
});
