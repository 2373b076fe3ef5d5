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

test('the facilitator edits a peer-review round’s criteria after it opens; participants see it live', async ({
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const created = await createBlankWorkshop(request, 'Peer exchange on city practices');
  const people = [
    await joinWorkshop(request, created.joinCode, 'Ana Reyes', 'PH'),
    await joinWorkshop(request, created.joinCode, 'Ben Somchai', 'TH'),
  ];
  const f = await facilitatorSocket(baseURL!, created.id, created.facilitatorKey);
  for (const [i, group] of ['Manila team', 'Bangkok team'].entries()) {
    const g = await f.send('group.create', { name: group });
    await f.send('group.assign', { participantId: people[i]!.participantId, groupId: g.groupId });
  }
  await f.send('exercise.launch', { title: 'Practice write-up', kind: 'practice' });
  f.socket.close();

  // The facilitator opens the round with the default criteria.
  const fac = await pageAt(browser, LAPTOP);
  await fac.goto(`/w/${created.id}/facilitate#key=${created.facilitatorKey}`);
  const panel = fac.locator('#review');
  await panel.getByRole('button', { name: 'Set up peer review' }).click();
  await panel.getByRole('button', { name: /Open peer review \(6 criteria\)/ }).click();
  await expect(panel.getByTestId('review-state')).toContainText('6 criteria');

  const ana = await participantPage(browser, PHONE, created.id, people[0]!.token);
  const form = ana.getByTestId('rating-form');
  await expect(form.getByTestId('score-scale')).toHaveCount(6);

  // Nobody has rated: criteria can be dropped and renamed, and who rates changed.
  await panel.getByRole('button', { name: 'Edit the criteria' }).click();
  const edit = panel.getByRole('form', { name: /Edit peer review/ });
  await expect(edit.getByRole('checkbox')).toHaveCount(6);
  await edit.getByRole('checkbox').nth(5).uncheck();
  // Its visible text is "Edit the wording"; which criterion it is, is in its name.
  await edit.getByLabel('Edit the wording of Relevance', { exact: true }).click();
  await edit.getByLabel('Name').first().fill('Could another city copy it?');
  // The wording stays open while it is typed.
  await expect(edit.getByLabel('Name').first()).toBeVisible();
  await edit.getByLabel(/Each group rates/).check();
  await checkA11y(fac, 'editing a peer-review round');
  // The console's middle column scrolls on its own: what the screen shows, not the whole page.
  await edit.getByRole('heading').scrollIntoViewIfNeeded();
  await fac.screenshot({ path: join(SCREENSHOT_DIR, 'review-edit-criteria-laptop.png') });
  await edit.getByRole('button', { name: /Save the criteria \(5 criteria\)/ }).click();
  await expect(edit).toHaveCount(0);
  await expect(panel.getByTestId('review-state')).toContainText('5 criteria');

  // Ana's phone shows the new set at once, without a reload.
  await expect(form.getByTestId('score-scale')).toHaveCount(5);
  await expect(form.getByTestId('score-scale').first()).toContainText(
    'Could another city copy it?',
  );
  // The facilitator reads the comparison so far: a new rating does not close it.
  const results = panel.getByTestId('review-results');
  await results.getByText('Comparison so far').click();
  await expect(results).toHaveAttribute('open', '');
  for (const scale of await form.getByTestId('score-scale').all())
    await scale.getByRole('radio', { name: '4', exact: true }).check();
  await form.getByRole('button', { name: 'Save self-assessment' }).click();
  await expect(form.getByTestId('rating-status')).toContainText('Saved');

  await expect(panel.getByTestId('review-totals')).toContainText('1 of 2 self-assessments');
  await expect(results).toHaveAttribute('open', '');

  // Someone has rated: only the wording can change now, and the form says so.
  await panel.getByRole('button', { name: 'Edit the criteria' }).click();
  await expect(edit.getByTestId('review-rated-hint')).toBeVisible();
  for (const box of await edit.getByRole('checkbox').all()) await expect(box).toBeDisabled();
  await expect(edit.getByRole('button', { name: 'Add a criterion' })).toBeDisabled();
  await checkA11y(fac, 'editing a round people have rated');
  await edit.getByLabel('Edit the wording of Could another city copy it?', { exact: true }).click();
  await edit.getByLabel('Name').first().fill('Could another city copy it next year?');
  await edit.getByRole('button', { name: /Save the criteria/ }).click();
  await expect(edit).toHaveCount(0);
  await expect(form.getByTestId('score-scale').first()).toContainText(
    'Could another city copy it next year?',
  );
  // Her scores stayed with their criteria.
  await expect(form.getByTestId('rating-status')).toContainText('Saved');
  await expect(
    form.getByTestId('score-scale').first().getByRole('radio', { name: '4', exact: true }),
  ).toBeChecked();
  await checkA11y(ana, 'rating form after the criteria were reworded');
  await shot(ana, 'review-edited-criteria-phone');
});
