import { expect, test } from '@playwright/test';
import { checkA11y, LAPTOP, PHONE, pageAt, participantPage, shot, openOur } from './support.js';

/**
 * Issue 22, items 6 and 9: the victim-centred template runs without preparing anything (the
 * knowledge check, polls and the staged case are there), and the wording slips seen on the way.
 */
test('the template’s knowledge check, polls and case are ready; counts read right', async ({
  browser,
  request,
}) => {
  test.setTimeout(240_000);
  const created = await (
    await request.post('/api/workshops', {
      data: { title: 'Ready on Monday', template: 'victim-centred' },
    })
  ).json();
  const ana = await (
    await request.post('/api/join', {
      data: { joinCode: created.joinCode, name: 'Invented Ana', country: 'PH' },
    })
  ).json();

  const fac = await pageAt(browser, LAPTOP);
  await fac.goto(`/w/${created.id}/facilitate#key=${created.facilitatorKey}`);
  const polls = fac.locator('#polls');
  // The pre-training quiz is there: no "No polls yet"; the other activities' polls wait folded.
  await expect(polls.getByText('No polls yet')).toHaveCount(0);
  await expect(polls.getByText(/^Prepared for other activities \(\d+\)$/)).toBeVisible();
  await fac.getByRole('button', { name: 'Make current Pre-training knowledge check' }).click();
  const quiz = polls.getByTestId('facilitator-poll').filter({
    hasText: 'Under the Palermo Protocol, trafficking in adults has three elements',
  });
  await expect(quiz).toHaveCount(1);
  await expect(polls.getByTestId('facilitator-poll')).toHaveCount(12);

  // Open the first question before the training; Ana answers it on her phone.
  await quiz.getByRole('button', { name: 'Open', exact: true }).click();
  const phone = await participantPage(browser, PHONE, created.id, ana.token);
  const card = phone.getByTestId('participant-poll');
  await card.getByLabel('An act, a means and a purpose of exploitation').check();
  await card.getByRole('button', { name: 'Send my answer' }).click();
  await expect(card.getByTestId('vote-received')).toContainText('Answer received');
  await checkA11y(phone, 'template quiz on a phone');

  // The case vignette, prepared: make its activity current, make a group, launch in one click.
  await fac
    .getByRole('button', { name: 'Make current Case vignette: identifying a victim' })
    .click();
  const groups = fac.getByRole('region', { name: 'Groups' });
  await groups.getByLabel('New group name').fill('Team Harbour');
  await groups.getByRole('button', { name: 'Create group' }).click();
  await groups.getByLabel('Group for Invented Ana').selectOption({ label: 'Team Harbour' });
  const group = groups.getByTestId('group-card');
  await expect(group).toContainText('1 member ·');
  // Deleting a group asks first.
  await group.getByRole('button', { name: /^Delete/ }).click();
  const dialog = fac.getByRole('dialog');
  await expect(dialog).toContainText('Delete Team Harbour?');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(group).toHaveCount(1);
  const ready = groups.getByTestId('prepared-exercise');
  await expect(ready).toContainText('Case vignette: Lan at the hospital');
  await expect(ready).toContainText('4 stages, shown one at a time');
  await checkA11y(fac, 'console with a prepared exercise');
  await shot(fac, 'template-prepared-exercise');
  await ready.getByRole('button', { name: 'Launch it in every group' }).focus();
  await fac.keyboard.press('Enter');
  await expect(ready.getByRole('button', { name: 'Launched in every group' })).toBeDisabled();
  await expect(groups.getByRole('button', { name: 'Show next stage (2 of 4)' })).toBeVisible();

  await openOur(phone, created.id, 'Case vignette: Lan at the hospital');
  await expect(phone.getByTestId('stage-text')).toContainText('Lan, 24');
  await shot(phone, 'template-vignette-phone');
});
