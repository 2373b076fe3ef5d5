import { describe, expect, it } from 'vitest';
import {
  CommandInputs,
  castVote,
  createPoll,
  duplicatePoll,
  hasAnswered,
  joinWorkshop,
  newVoters,
  phoneGets,
  pollsFor,
  resultsShown,
  revealPoll,
  screenGets,
  setPollState,
  type Poll,
  type Workshop,
} from '@plenary/shared';
import { context, unwrap, workshop } from './fixtures.js';

const facilitator = context();

function room(n: number): Workshop {
  let w = workshop('blank', facilitator);
  for (let i = 0; i < n; i++)
    w = unwrap(
      joinWorkshop(
        w,
        { name: `P${i}`, country: 'PH', city: '', organisation: '', role: '' },
        'h',
        facilitator,
      ),
    ).workshop;
  return w;
}

/** An open quiz in a room of two, and the ids of its participants. */
function openQuiz() {
  const w0 = room(2);
  const input = CommandInputs['poll.create'].parse({
    kind: 'quiz',
    question: 'Who may refer a victim?',
    options: [{ label: 'Anyone', correct: true }, { label: 'Only the police' }],
  });
  const { workshop, pollId } = unwrap(createPoll(w0, input, facilitator));
  const w = unwrap(setPollState(workshop, { pollId, state: 'open' }));
  const [ana, budi] = w.participants.map((p) => p.id) as [string, string];
  return { w, pollId, ana, budi };
}

const pollOf = (w: Workshop, pollId: string) => w.polls.find((p) => p.id === pollId)!;

function voteAs(w: Workshop, pollId: string, participantId: string): Workshop {
  const optionId = pollOf(w, pollId).options[0]!.id;
  const ctx = {
    ...context(2e12, { role: 'participant', participantId }),
    ballotKeyFor: (id: string) => `${id}:${participantId}:key`,
  };
  return unwrap(castVote(w, { pollId, answer: { kind: 'quiz', optionId } }, ctx));
}

const reveal = (w: Workshop, input: Record<string, unknown>) =>
  revealPoll(w, CommandInputs['poll.reveal'].parse(input));

describe('where poll results are shown', () => {
  it('starts hidden on the projector and on phones', () => {
    const { w, pollId } = openQuiz();
    expect(resultsShown(pollOf(w, pollId))).toEqual({ screen: false, phones: false });
  });

  it('shows results on the projector without showing them on phones, and the other way round', () => {
    const { w, pollId } = openQuiz();
    const onScreen = unwrap(reveal(w, { pollId, revealed: true, on: 'screen' }));
    expect(resultsShown(pollOf(onScreen, pollId))).toEqual({ screen: true, phones: false });
    const both = unwrap(reveal(onScreen, { pollId, revealed: true, on: 'phones' }));
    expect(resultsShown(pollOf(both, pollId))).toEqual({ screen: true, phones: true });
    const phonesOnly = unwrap(reveal(both, { pollId, revealed: false, on: 'screen' }));
    expect(resultsShown(pollOf(phonesOnly, pollId))).toEqual({ screen: false, phones: true });
  });

  it('shows or hides on both at once when no place is named (as the old command did)', () => {
    const { w, pollId } = openQuiz();
    const both = unwrap(reveal(w, { pollId, revealed: true }));
    expect(resultsShown(pollOf(both, pollId))).toEqual({ screen: true, phones: true });
    const none = unwrap(reveal(both, { pollId, revealed: false }));
    expect(resultsShown(pollOf(none, pollId))).toEqual({ screen: false, phones: false });
  });

  it('refuses a place it does not know, and showing a draft’s results', () => {
    const { w, pollId } = openQuiz();
    expect(
      CommandInputs['poll.reveal'].safeParse({ pollId, revealed: true, on: 'wall' }).success,
    ).toBe(false);
    const draft = unwrap(setPollState(w, { pollId, state: 'draft' }));
    expect(reveal(draft, { pollId, revealed: true, on: 'screen' })).toMatchObject({
      ok: false,
      code: 'conflict',
    });
  });

  it('reads a poll stored with one revealed flag as shown on both, or on neither', () => {
    const { w, pollId } = openQuiz();
    const { shown: _, ...stored } = pollOf(w, pollId);
    expect(resultsShown({ ...stored, revealed: true })).toEqual({ screen: true, phones: true });
    expect(resultsShown({ ...stored, revealed: false })).toEqual({ screen: false, phones: false });
    // Changing one place of an old poll keeps the other as it was.
    const old: Workshop = { ...w, polls: [{ ...stored, revealed: true } as Poll] };
    const next = pollOf(unwrap(reveal(old, { pollId, revealed: false, on: 'screen' })), pollId);
    expect(resultsShown(next)).toEqual({ screen: false, phones: true });
    expect(next).not.toHaveProperty('revealed');
    expect(pollsFor(old, false)[0]!.shown).toEqual({ screen: true, phones: true });
  });

  it('starts a duplicate hidden', () => {
    const { w, pollId } = openQuiz();
    const both = unwrap(reveal(w, { pollId, revealed: true }));
    const copy = unwrap(duplicatePoll(both, { pollId, asTwin: false }, facilitator));
    expect(resultsShown(copy.workshop.polls[1]!)).toEqual({ screen: false, phones: false });
  });
});

describe('who gets a poll’s tally', () => {
  it('gives a phone the tally only once its owner has answered, without the right answer', () => {
    const { w, pollId, ana, budi } = openQuiz();
    const voted = voteAs(w, pollId, ana);
    expect(phoneGets(pollOf(voted, pollId), ana)).toBe('own');
    expect(phoneGets(pollOf(voted, pollId), budi)).toBe('nothing');
  });

  it('gives every phone the tally once shown on phones; a draft’s to nobody', () => {
    const { w, pollId, budi } = openQuiz();
    const shown = unwrap(reveal(w, { pollId, revealed: true, on: 'phones' }));
    expect(phoneGets(pollOf(shown, pollId), budi)).toBe('tally');
    expect(phoneGets(pollOf(w, pollId), budi)).toBe('nothing');
    expect(screenGets(pollOf(shown, pollId))).toBe('count');
  });

  it('gives the projector a count until results are shown there, then the tally', () => {
    const { w, pollId } = openQuiz();
    expect(screenGets(pollOf(w, pollId))).toBe('count');
    const shown = unwrap(reveal(w, { pollId, revealed: true, on: 'screen' }));
    expect(screenGets(pollOf(shown, pollId))).toBe('tally');
    const draft = unwrap(
      createPoll(
        w,
        CommandInputs['poll.create'].parse({ kind: 'scale', question: 'How sure?' }),
        facilitator,
      ),
    );
    expect(screenGets(pollOf(draft.workshop, draft.pollId))).toBe('nothing');
  });

  it('knows who answered and who has just answered', () => {
    const { w, pollId, ana, budi } = openQuiz();
    const one = voteAs(w, pollId, budi);
    const two = voteAs(one, pollId, ana);
    expect(hasAnswered(pollOf(one, pollId), budi)).toBe(true);
    expect(hasAnswered(pollOf(one, pollId), ana)).toBe(false);
    expect(newVoters(pollOf(one, pollId), pollOf(two, pollId))).toEqual([ana]);
    // A changed vote is no new voter.
    expect(newVoters(pollOf(two, pollId), pollOf(voteAs(two, pollId, ana), pollId))).toEqual([]);
  });
});
