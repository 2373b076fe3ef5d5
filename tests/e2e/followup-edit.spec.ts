import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import {
  LAPTOP,
  PHONE,
  SCREENSHOT_DIR,
  checkA11y,
  createBlankWorkshop,
  facilitatorSocket,
  joinWorkshop,
  pageAt,
  participantPage,
  shot,
} from './support.js';

test('the facilitator renames and moves a check-in; deleting an answered one asks first', async ({
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const created = await createBlankWorkshop(request, 'Follow-up of the Cebu training');
  const ana = await joinWorkshop(request, created.joinCode, 'Ana Reyes', 'PH');
  const f = await facilitatorSocket(baseURL!, created.id, created.facilitatorKey);
  const g = await f.send('group.create', { name: 'Cebu team' });
  await f.send('group.assign', { participantId: ana.participantId, groupId: g.groupId });
  await f.send('checkin.add', { title: '3 months', dueOn: '2027-02-27' });
  f.socket.close();

  const phone = await participantPage(browser, PHONE, created.id, ana.token);
  await phone.goto(`/w/${created.id}/followup`);
  const card = phone.getByTestId('checkin');
  await expect(card).toContainText('3 months');
  // Ana's group answers it.
  await card.getByLabel('How is your group doing?').fill('Two referrals made through the map.');
  await card.getByRole('button', { name: 'Send our check-in' }).click();
  await expect(card.getByTestId('checkin-answered')).toContainText('Answered by Ana Reyes');

  const fac = await pageAt(browser, LAPTOP);
  await fac.goto(`/w/${created.id}/facilitate#key=${created.facilitatorKey}`);
  const panel = fac.getByTestId('follow-up-panel');
  const item = panel.getByTestId('console-checkin');
  await expect(item).toContainText('3 months');
  await item.getByRole('button', { name: 'Edit check-in 3 months' }).click();
  const form = panel.getByRole('form', { name: 'Change the check-in 3 months' });
  await expect(form.getByLabel('Check-in')).toBeFocused();
  // An empty name: a clear error, nothing sent.
  await form.getByLabel('Check-in').fill('');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('alert')).toHaveText('Name the check-in, e.g. “3 months”');
  await form.getByLabel('Check-in').fill('4 months (after the elections)');
  // Typing clears the message.
  await expect(form.getByRole('alert')).toHaveCount(0);
  await form.getByLabel('Date').fill('2027-03-31');
  await form.scrollIntoViewIfNeeded();
  await checkA11y(fac, 'editing a check-in');
  await fac.screenshot({ path: join(SCREENSHOT_DIR, 'followup-edit-checkin-laptop.png') });
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toHaveCount(0);
  await expect(item).toContainText('4 months (after the elections)');
  await expect(item).toContainText('1 of 1 group answered');
  // Focus goes back to the check-in's Edit button.
  await expect(
    item.getByRole('button', { name: 'Edit check-in 4 months (after the elections)' }),
  ).toBeFocused();

  // Ana's phone shows the new name and date, with her group's answer kept.
  await expect(card).toContainText('4 months (after the elections)');
  await expect(card.getByTestId('checkin-answered')).toContainText('Answered by Ana Reyes');
  await shot(phone, 'followup-renamed-checkin-phone');

  // Deleting it would delete the answer: the console asks first.
  await item.getByRole('button', { name: /Delete check-in/ }).click();
  const dialog = fac.getByRole('dialog', { name: /Delete the check-in/ });
  await expect(dialog).toContainText('1 group has answered it');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(item).toHaveCount(1);
  await item.getByRole('button', { name: /Delete check-in/ }).click();
  await dialog.getByRole('button', { name: 'Delete the check-in' }).click();
  await expect(item).toHaveCount(0);
  await expect(card).toHaveCount(0);
});
