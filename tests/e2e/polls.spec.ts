import { expect, test, type Page } from '@playwright/test';
import { checkA11y, shot, PHONE, LAPTOP, PROJECTOR, pageAt, participantPage } from './support.js';

test('a live poll goes from the console to phones and back to the projector', async ({
  browser,
  request,
}) => {
  // Four browser contexts and four accessibility checks: more than 30 s on a busy 2-core machine.
  test.setTimeout(180_000);
  const created = await (
    await request.post('/api/workshops', {
      data: { title: 'Referral training', template: 'blank' },
    })
  ).json();

  const facilitator = await pageAt(browser, LAPTOP);
  await facilitator.goto(`/w/${created.id}/facilitate#key=${created.facilitatorKey}`);

  // Two participants join through the API and open their page with the token.
  const participants: Page[] = [];
  for (const name of ['Ana', 'Budi']) {
    const joined = await (
      await request.post('/api/join', {
        data: { joinCode: created.joinCode, name, country: 'ID' },
      })
    ).json();
    const page = await participantPage(browser, PHONE, created.id, joined.token);
    await expect(page.getByTestId('connection-status')).toContainText('Connected');
    participants.push(page);
  }
  const [ana, budi] = participants as [Page, Page];

  // The facilitator prepares a single-choice poll and opens it.
  const polls = facilitator.locator('#polls');
  await polls.getByRole('button', { name: 'New poll' }).click();
  await polls.getByLabel('Kind of poll').selectOption('single');
  await polls.getByLabel('Question', { exact: true }).fill('Who refers most victims');
  await polls.getByLabel('Option 1', { exact: true }).fill('Police');
  await polls.getByLabel('Option 2', { exact: true }).fill('Health workers');
  await polls.getByRole('button', { name: '+ Add option' }).click();
  await polls.getByLabel('Option 3', { exact: true }).fill('NGOs');
  await polls.getByRole('button', { name: 'Create poll' }).click();
  // A draft can still be edited: reword the question and add an option.
  const draft = polls
    .getByTestId('facilitator-poll')
    .filter({ hasText: 'Who refers most victims' });
  await draft.getByRole('button', { name: 'Edit', exact: true }).click();
  await draft.getByLabel('Question', { exact: true }).fill('Who refers most victims?');
  await draft.getByRole('button', { name: '+ Add option' }).click();
  await draft.getByLabel('Option 4', { exact: true }).fill('Labour inspectors');
  await draft.getByRole('button', { name: 'Save poll' }).click();
  const card = polls
    .getByTestId('facilitator-poll')
    .filter({ hasText: 'Who refers most victims?' });
  await expect(card.getByText('Labour inspectors')).toBeVisible();
  await expect(card.getByRole('button', { name: 'Save poll' })).toHaveCount(0);
  await expect(card).toContainText('Draft');
  await expect(ana.getByTestId('participant-poll')).toHaveCount(0);
  await card.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(card).toContainText('Open');

  // Each participant sees it first and votes from the phone.
  const anaPoll = ana.getByTestId('participant-poll');
  await expect(anaPoll.getByRole('heading', { name: 'Who refers most victims?' })).toBeVisible();
  await anaPoll.getByLabel('Police').check();
  await anaPoll.getByRole('button', { name: 'Send my vote' }).click();
  await expect(anaPoll.getByTestId('vote-received')).toContainText('Vote received');
  await checkA11y(ana, 'participant voting');
  await shot(ana, 'polls-participant-voted');

  const budiPoll = budi.getByTestId('participant-poll');
  await budiPoll.getByLabel('Health workers').check();
  await budiPoll.getByRole('button', { name: 'Send my vote' }).click();
  await expect(budiPoll.getByTestId('vote-received')).toBeVisible();

  // The console counts the votes live.
  await expect(card.getByTestId('poll-voted')).toContainText('2 of 2');
  await expect(card.getByTestId('poll-results')).toContainText('Police');
  await expect(card.getByTestId('poll-results')).toContainText('1 · 50%');

  // Reveal and project: participants see the results, the projector shows them large.
  await card.getByRole('button', { name: 'Results on phones' }).click();
  await card.getByRole('button', { name: 'Results on the projector' }).click();
  await expect(ana.getByTestId('poll-results')).toContainText('Your answer');
  await card.getByRole('button', { name: 'Show on projector' }).click();
  await card.getByRole('button', { name: 'Close' }).click();
  await expect(budi.getByTestId('participant-poll')).toContainText('This poll is closed');
  await checkA11y(facilitator, 'facilitator polls panel');
  await shot(facilitator, 'polls-facilitator-results');

  const screen = await pageAt(browser, PROJECTOR);
  await screen.goto(`/w/${created.id}/screen#key=${created.facilitatorKey}`);
  const projected = screen.getByTestId('projected-poll');
  await expect(projected.getByRole('heading', { name: 'Who refers most victims?' })).toBeVisible();
  await expect(projected.getByTestId('projected-voters')).toContainText('2 votes');
  await expect(projected.getByTestId('poll-results')).toContainText('Health workers');
  await expect(projected.getByTestId('poll-results')).toContainText('1 · 50%');
  await expect(projected.getByTestId('poll-results')).toContainText('0 · 0%');
  await expect(screen.getByTestId('join-code')).toHaveText(created.joinCode);
  await checkA11y(screen, 'projector poll results');
  await shot(screen, 'polls-projector-results');

  // Back to the activity.
  await card.getByRole('button', { name: 'Back to the activity on the projector' }).click();
  await expect(screen.getByTestId('projected-poll')).toHaveCount(0);
});

test('questions from the floor are asked, upvoted and shown on the projector', async ({
  browser,
  request,
}) => {
  // Three browser contexts: 66 s at load 15 to 21 on two cores (each step waits for a state).
  test.setTimeout(180_000);
  const created = await (
    await request.post('/api/workshops', { data: { title: 'Questions', template: 'blank' } })
  ).json();
  const joined = await (
    await request.post('/api/join', {
      data: { joinCode: created.joinCode, name: 'Ana', country: 'ID' },
    })
  ).json();
  const facilitator = await pageAt(browser, LAPTOP);
  await facilitator.goto(`/w/${created.id}/facilitate#key=${created.facilitatorKey}`);
  const ana = await participantPage(browser, PHONE, created.id, joined.token);

  await ana.getByLabel('Ask the facilitator a question').fill('How do we refer a foreign victim?');
  await ana.getByLabel('Ask anonymously').check();
  await ana.getByRole('button', { name: 'Send question' }).click();
  const asked = ana.getByTestId('participant-question');
  await expect(asked).toContainText('How do we refer a foreign victim?');
  await expect(asked).toContainText('Anonymous');
  const upvote = asked.getByRole('button', { name: /Vote for this question/ });
  await upvote.click();
  await expect(upvote).toHaveAttribute('aria-pressed', 'true');
  await expect(upvote).toContainText('1');

  const question = facilitator.getByTestId('facilitator-question');
  await expect(question).toContainText('How do we refer a foreign victim?');
  await question.getByRole('button', { name: 'Show on projector' }).click();
  const screen = await pageAt(browser, PROJECTOR);
  await screen.goto(`/w/${created.id}/screen#key=${created.facilitatorKey}`);
  await expect(screen.getByTestId('projected-question')).toContainText(
    'How do we refer a foreign victim?',
  );
  await question.getByRole('button', { name: 'Mark answered' }).click();
  await expect(asked).toContainText('Answered');
});
